import { DAY_MS, parseCalendarDate } from '../calendar.js';
import { HttpError, quote } from '../http/http-error.js';
import { readQueryParam } from '../http/query.js';
import { FieldErrors } from '../validation/field-errors.js';
import { present } from '../validation/read-fields.js';

/**
 * How many days `end_date` may be after `start_date`. Jump says the range is "typically" at most
 * 30 days; the sandbox refuses more, so a client finds out before it meets a real limit.
 */
export const MAX_RANGE_DAYS = 30;

/** The OLDER `GET /availability` parameters (jump-api.md §3.10), read but not yet looked up. */
export interface AvailabilityQuery {
  appointmentTypeId: string;
  /** `start_date` as UTC midnight; it names a London calendar day. */
  firstDay: number;
  /** `end_date`, included. */
  lastDay: number;
  clinicianId?: string;
  locationId?: string;
  isRemote?: boolean;
}

/**
 * The query of `GET /availability`. Every missing or malformed parameter is reported in one 400;
 * then an `end_date` before `start_date`, or more than `MAX_RANGE_DAYS` after it, is refused.
 */
export function readAvailabilityQuery(query: URLSearchParams): AvailabilityQuery {
  const errors = new FieldErrors();
  const appointmentTypeId = readId(query, 'appointment_type_id', errors, { required: true });
  const startDate = readDate(query, 'start_date', errors);
  const endDate = readDate(query, 'end_date', errors);
  const clinicianId = readId(query, 'clinician_id', errors);
  const locationId = readId(query, 'location_id', errors);
  const isRemote = readBoolean(query, 'is_remote', errors);
  errors.throwIfAny();
  const start = present(startDate, 'start_date');
  const end = present(endDate, 'end_date');
  checkRange(start, end);

  return {
    appointmentTypeId: present(appointmentTypeId, 'appointment_type_id'),
    firstDay: start.day,
    lastDay: end.day,
    clinicianId,
    locationId,
    isRemote,
  };
}

interface DateParam {
  text: string;
  day: number;
}

function checkRange(start: DateParam, end: DateParam): void {
  const span = (end.day - start.day) / DAY_MS;
  if (span < 0) {
    const details = `end_date ${end.text} is before start_date ${start.text}`;

    throw new HttpError(400, details, { fields: [{ field: 'end_date', message: details }] });
  }
  if (span > MAX_RANGE_DAYS) {
    const details = `date range must not exceed ${MAX_RANGE_DAYS} days: end_date ${end.text} is ${span} days after start_date ${start.text}`;
    const fields = [
      { field: 'start_date', message: details },
      { field: 'end_date', message: details },
    ];

    throw new HttpError(400, details, { fields });
  }
}

function readId(
  query: URLSearchParams,
  name: string,
  errors: FieldErrors,
  { required = false } = {},
): string | undefined {
  const value = readQueryParam(query, name);
  if (value === undefined) {
    if (required) errors.add(name, 'is required');
    return undefined;
  }
  if (value.trim() === '') errors.add(name, 'must not be empty');

  return value;
}

function readDate(query: URLSearchParams, name: string, errors: FieldErrors) {
  const text = readQueryParam(query, name);
  if (text === undefined) {
    errors.add(name, 'is required');
    return undefined;
  }
  const day = parseCalendarDate(text);
  if (day === undefined) {
    errors.add(name, `must be a valid date in YYYY-MM-DD format; received ${quote(text)}`);
    return undefined;
  }

  return { text, day } satisfies DateParam;
}

function readBoolean(query: URLSearchParams, name: string, errors: FieldErrors) {
  const text = readQueryParam(query, name);
  if (text === undefined) return undefined;

  if (text === 'true' || text === 'false') return text === 'true';

  errors.add(name, `must be true or false; received ${quote(text)}`);

  return undefined;
}
