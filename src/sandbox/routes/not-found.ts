import { HttpError } from '../http/http-error.js';

/** `Patient <id> not found`; the id is echoed decoded, and JSON escaping keeps it harmless. */
export function notFound(resource: string, id: string): HttpError {
  return new HttpError(404, `${resource} ${id} not found`);
}

/** The record, or a 404 naming the resource and the id asked for. */
export function requireFound<T>(record: T | undefined, resource: string, id: string): T {
  if (record === undefined) throw notFound(resource, id);

  return record;
}
