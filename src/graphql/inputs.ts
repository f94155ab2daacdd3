import { badUserInput } from './errors.js';

/**
 * Turns a GraphQL input object into Jump's snake_case body. Omitted fields stay out of the body;
 * an explicit null is kept, which is how an update clears a value.
 */
export function toJumpBody(input: object): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) {
      body[snakeCase(key)] = value instanceof Date ? value.toISOString() : value;
    }
  }

  return body;
}

/** `addressLine1` → `address_line_1`, `icd10Code` → `icd10_code`, as Jump spells them. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`).replace(/(\d+)$/, '_$1');
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

/** Refuses an end before its start; both are `YYYY-MM-DD` dates or RFC 3339 instants. */
export function checkOrder(
  start: string | Date | null | undefined,
  end: string | Date | null | undefined,
  field: string,
): void {
  if (start && end && toTime(end) < toTime(start)) {
    throw badUserInput(`${field} must not be before the start`, field);
  }
}

function toTime(value: string | Date): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/** Refuses text that does not match a documented code format. */
export function checkPattern(
  value: string | null | undefined,
  pattern: RegExp,
  field: string,
  rule: string,
): void {
  if (value !== null && value !== undefined && !pattern.test(value)) {
    throw badUserInput(`${field} must be ${rule}`, field);
  }
}

/** Refuses a negative count. */
export function checkCount(value: number | null | undefined, field: string): void {
  if (value !== null && value !== undefined && value < 0) {
    throw badUserInput(`${field} must not be negative`, field);
  }
}

export const SNOMED_CODE = /^\d{6,18}$/;
