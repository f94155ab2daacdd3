import { HttpError } from './http-error.js';

/** A query parameter given at most once; unknown parameters are never looked at. */
export function readQueryParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw new HttpError(400, `${name} may be given only once; received it ${values.length} times`);
  }

  return values[0];
}
