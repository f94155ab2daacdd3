import { HttpError, quote } from './http-error.js';

/** A query parameter given at most once; unknown parameters are never looked at. */
export function readQueryParam(query: URLSearchParams, name: string): string | undefined {
  const values = query.getAll(name);
  if (values.length > 1) {
    throw new HttpError(400, `${name} may be given only once; received it ${values.length} times`);
  }

  return values[0];
}

/** A parameter that must be one of `allowed` when given. */
export function readQueryEnum<const T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = readQueryParam(query, name);
  if (value === undefined || (allowed as readonly string[]).includes(value)) {
    return value as T | undefined;
  }

  throw new HttpError(
    400,
    `${name} must be one of ${allowed.join(', ')}; received ${quote(value)}`,
  );
}

/** A comma-separated list (`status_in=a,b`) whose every entry must be one of `allowed`. */
export function readQueryEnumList<const T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T[] | undefined {
  const value = readQueryParam(query, name);
  if (value === undefined) return undefined;

  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => (allowed as readonly string[]).includes(entry))) {
    return entries as T[];
  }

  throw new HttpError(
    400,
    `${name} must be a comma-separated list of ${allowed.join(', ')}; received ${quote(value)}`,
  );
}
