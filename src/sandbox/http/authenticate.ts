import type { SandboxKey } from '../keys.js';
import { HttpError } from './http-error.js';

export interface Caller {
  /** The bearer token; used only to count requests, never recorded or echoed. */
  token: string;
  key: SandboxKey;
}

const BEARER = /^Bearer +(\S+) *$/i;

/** The caller named by an `Authorization: Bearer <key>` header, or a 401 in the OLDER words. */
export function authenticate(
  header: string | undefined,
  keys: ReadonlyMap<string, SandboxKey>,
): Caller {
  const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
  if (token === undefined) throw unauthorized('Invalid or missing API key');

  // Live keys are checked before the lookup so their owner learns why, not just that it failed.
  if (token.startsWith('pk_live_')) {
    throw unauthorized('Live API keys cannot access sandbox data; use a pk_test_ key instead');
  }
  const key = keys.get(token);
  if (!key) throw unauthorized('Invalid or missing API key');

  if (key.revoked) throw unauthorized('API key has been revoked');

  return { token, key };
}

export function requireScope(caller: Caller, scope: string): void {
  if (caller.key.scopes.includes(scope)) return;

  throw new HttpError(403, `API key lacks the required scope: ${scope}`);
}

function unauthorized(details: string): HttpError {
  return new HttpError(401, details);
}
