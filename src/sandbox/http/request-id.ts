import { randomBytes } from 'node:crypto';

/** `req_` and 24 lowercase hex digits, fresh for every response. */
export function newRequestId(): string {
  return `req_${randomBytes(12).toString('hex')}`;
}
