import { badUserInput } from './errors.js';

/**
 * Turns a GraphQL input object into Jump's snake_case body. Omitted fields stay out of the body;
 * an explicit null is kept, which is how an update clears a value.
 */
export function toJumpBody(input: object): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) {
      body[snakeCase(key)] = value;
    }
  }

  return body;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/(\d+)/g, '_$1');
}

/** Refuses a blank or over-long text where Jump requires one. */
export function requireText(value: string | null | undefined, field: string, max = 100): void {
  if (value === null || value === undefined || value.trim() === '') {
    throw badUserInput(`${field} is required and must not be blank`, field);
  }
  if (value.length > max) {
    throw badUserInput(`${field} must be at most ${max} characters`, field);
  }
}

/** Refuses null for fields that an update may change but never clear. */
export function refuseNull(input: Record<string, unknown>, fields: string[], prefix: string): void {
  for (const field of fields) {
    if (input[field] === null) {
      throw badUserInput(`${prefix}.${field} cannot be cleared`, `${prefix}.${field}`);
    }
  }
}
