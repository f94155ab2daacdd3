import type { FieldErrors } from './field-errors.js';

/**
 * Reports "<field> does not match any <noun>" when an id was given and `find` knows nothing by
 * it, and returns what `find` found.
 */
export function checkReference<T>(
  errors: FieldErrors,
  field: string,
  id: string | null | undefined,
  find: (id: string) => T | undefined,
  noun: string,
): T | undefined {
  if (!id) return undefined;

  const found = find(id);
  if (found === undefined) errors.add(field, `does not match any ${noun}`);

  return found;
}
