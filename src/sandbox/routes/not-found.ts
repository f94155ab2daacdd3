import { HttpError } from '../http/http-error.js';

/** `Patient <id> not found`; the id is echoed decoded, and JSON escaping keeps it harmless. */
export function notFound(resource: string, id: string): HttpError {
  return new HttpError(404, `${resource} ${id} not found`);
}
