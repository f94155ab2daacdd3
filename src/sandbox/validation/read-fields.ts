import type { FieldErrors } from './field-errors.js';

/** A parsed value, or a problem that reads on from the field name ("must be …"). */
export type CheckResult<T> = { value: T } | { problem: string };

export type FieldCheck<T> = (value: unknown) => CheckResult<T>;

export interface FieldRule<T> {
  check: FieldCheck<T>;
  /** Must be present on create and can never be null. */
  required?: boolean;
}

export type FieldRules = Record<string, FieldRule<unknown>>;

/** The fields a body provided: the checked value, or null where the body cleared the field. */
export type FieldValues<R extends FieldRules> = {
  [K in keyof R]?: (R[K] extends FieldRule<infer T> ? T : never) | null;
};

export type WriteMode = 'create' | 'update';

/**
 * Checks each field a rule names and reports every problem into `errors`. Fields without a rule
 * are ignored, as the OLDER API does, so a client may send back an object it read (id and all).
 */
export function readFields<R extends FieldRules>(
  rules: R,
  body: Record<string, unknown>,
  mode: WriteMode,
  errors: FieldErrors,
): FieldValues<R> {
  const values: Record<string, unknown> = {};
  for (const [field, rule] of Object.entries(rules)) {
    const provided = Object.hasOwn(body, field);
    const value = body[field];
    if (!provided || value === null) {
      readAbsent(field, rule, { provided, mode, values, errors });
      continue;
    }

    const result = rule.check(value);
    if ('problem' in result) errors.add(field, result.problem);
    else values[field] = result.value;
  }

  return values as FieldValues<R>;
}

interface AbsentContext {
  provided: boolean;
  mode: WriteMode;
  values: Record<string, unknown>;
  errors: FieldErrors;
}

function readAbsent(field: string, rule: FieldRule<unknown>, context: AbsentContext): void {
  const { provided, mode, values, errors } = context;
  if (!rule.required) {
    if (provided) values[field] = null;
    return;
  }

  if (mode === 'create') errors.add(field, 'is required');
  else if (provided) errors.add(field, 'cannot be null');
}

/** A value `readFields` has already required; reaching the throw would be a sandbox bug. */
export function present<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw new Error(`${field} passed validation unset`);

  return value;
}
