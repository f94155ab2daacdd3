import { formatTimestamp, parseCalendarDate, parseClockTime, parseInstant } from '../calendar.js';
import { formatNhsNumber, isValidNhsNumber } from '../../domain/nhs-number.js';
import { normaliseUkPostcode } from './postcode.js';
import type { CheckResult, FieldCheck } from './read-fields.js';

const EARLIEST_DATE = '1900-01-01';
const CUSTOM_FIELDS_MAX_DEPTH = 5;

const problem = (text: string): CheckResult<never> => ({ problem: text });

/** Trimmed text of 1 to `maxLength` characters. */
export function text(maxLength: number): FieldCheck<string> {
  return (value) => {
    if (typeof value !== 'string') return problem('must be a string');

    const trimmed = value.trim();
    if (trimmed === '') return problem('must not be empty');

    if (trimmed.length > maxLength) return problem(`must be at most ${maxLength} characters`);

    return { value: trimmed };
  };
}

/** Like `text`, but a blank string clears the field, as forms commonly send them. */
export function optionalText(maxLength: number): FieldCheck<string | null> {
  const check = text(maxLength);

  return (value) =>
    typeof value === 'string' && value.trim() === '' ? { value: null } : check(value);
}

export function oneOf<const T extends string>(allowed: readonly T[]): FieldCheck<T> {
  return (value) =>
    typeof value === 'string' && (allowed as readonly string[]).includes(value)
      ? { value: value as T }
      : problem(`must be one of ${allowed.join(', ')}`);
}

/** A real calendar date in `YYYY-MM-DD`, from 1900-01-01 and, when `latest` is given, up to it. */
export function calendarDate(latest?: () => string): FieldCheck<string> {
  return (value) => {
    if (typeof value !== 'string' || parseCalendarDate(value) === undefined) {
      return problem('must be a valid date in YYYY-MM-DD format');
    }
    if (value < EARLIEST_DATE) return problem(`must not be before ${EARLIEST_DATE}`);

    if (latest && value > latest()) return problem('must not be in the future');

    return { value };
  };
}

/**
 * An ISO 8601 instant with a zone (`Z` or an offset), stored in UTC to the second; when `latest`
 * is given (epoch milliseconds), not after it.
 */
export function instant(latest?: () => number): FieldCheck<string> {
  return (value) => {
    const ms = typeof value === 'string' ? parseInstant(value) : undefined;
    if (ms === undefined) {
      return problem('must be an ISO 8601 date-time with a zone, e.g. 2026-01-20T14:00:00Z');
    }
    if (latest && ms > latest()) return problem('must not be in the future');

    return { value: formatTimestamp(ms) };
  };
}

export const booleanValue: FieldCheck<boolean> = (value) =>
  typeof value === 'boolean' ? { value } : problem('must be true or false');

export const nonNegativeInteger: FieldCheck<number> = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? { value }
    : problem('must be a non-negative integer');

/** `HH:MM:SS` or `HH:MM`, stored as `HH:MM:SS`. */
export const clockTime: FieldCheck<string> = (value) => {
  const time = typeof value === 'string' ? parseClockTime(value) : undefined;

  return time ? { value: time } : problem('must be a time in HH:MM:SS or HH:MM format');
};

/** `HH:MM` on a 24-hour clock, exactly as written; seconds are not accepted. */
export const hourMinute: FieldCheck<string> = (value) =>
  typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)
    ? { value }
    : problem('must be a time in HH:MM format');

/** Ten digits with a valid check digit, spaces allowed; stored spaced 3-3-4. */
export const nhsNumber: FieldCheck<string> = (value) =>
  typeof value === 'string' && isValidNhsNumber(value)
    ? { value: formatNhsNumber(value) }
    : problem('must be 10 digits with a valid NHS check digit');

/** Only the shape: something@domain.tld without spaces; deliverability is not the sandbox's job. */
export const email: FieldCheck<string> = (value) =>
  typeof value === 'string' && value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
    ? { value }
    : problem('must be a valid email address');

export const phone: FieldCheck<string> = (value) => {
  if (typeof value !== 'string' || !/^\+?[\d ()-]{7,30}$/.test(value.trim())) {
    return problem('must be a phone number of 7 to 30 digits, spaces and + ( ) -');
  }

  return { value: value.trim() };
};

export const ukPostcode: FieldCheck<string> = (value) => {
  const postcode = typeof value === 'string' ? normaliseUkPostcode(value) : undefined;

  return postcode ? { value: postcode } : problem('must be a valid UK postcode');
};

/** A SNOMED CT concept id: 6 to 18 digits. */
export const snomedCode: FieldCheck<string> = (value) =>
  typeof value === 'string' && /^\d{6,18}$/.test(value)
    ? { value }
    : problem('must be a SNOMED CT concept id of 6 to 18 digits');

/** An ICD-10 code: a letter and two digits, then optionally `.` and 1 to 4 characters; upper-cased. */
export const icd10Code: FieldCheck<string> = (value) => {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';

  return /^[A-Z]\d{2}(\.[A-Z\d]{1,4})?$/.test(code)
    ? { value: code }
    : problem('must be an ICD-10 code such as E11 or E78.5');
};

/** A medicine's strength: a positive number, sent as a string ("500", "2.5") or a JSON number. */
export const dosageAmount: FieldCheck<string> = (value) => {
  const text =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';

  return /^(?:0|[1-9]\d{0,8})(?:\.\d{1,4})?$/.test(text) && Number(text) > 0
    ? { value: text }
    : problem('must be a positive number such as "500" or "2.5"');
};

/** A media type's `type/subtype` shape, parameters not allowed; lower-cased. */
export const mimeType: FieldCheck<string> = (value) => {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';

  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(text)
    ? { value: text }
    : problem('must be a media type such as application/pdf');
};

/** A file's own name: no folders (`/` or `\\`), no control characters, not `.` or `..`. */
export const fileName: FieldCheck<string> = (value) => {
  const result = text(255)(value);
  if ('problem' in result) return result;

  const name = result.value;
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') {
    return problem('must be a bare file name without / or \\');
  }

  return { value: name };
};

/**
 * A JSON object. Nesting is capped because the sandbox serialises the value on every read, and a
 * deeply nested one would make reads of that patient fail.
 */
export const jsonObject: FieldCheck<Record<string, unknown>> = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problem('must be an object');
  }
  if (depth(value, CUSTOM_FIELDS_MAX_DEPTH + 1) > CUSTOM_FIELDS_MAX_DEPTH) {
    return problem(`must not be nested more than ${CUSTOM_FIELDS_MAX_DEPTH} levels deep`);
  }

  return { value: value as Record<string, unknown> };
};

/** Nesting depth of a JSON value, counting no further than `stopAt`. */
function depth(value: unknown, stopAt: number): number {
  if (typeof value !== 'object' || value === null || stopAt === 0) return 0;

  let deepest = 0;
  for (const child of Object.values(value)) deepest = Math.max(deepest, depth(child, stopAt - 1));

  return deepest + 1;
}
