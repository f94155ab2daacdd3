import {
  DAY_MS,
  formatTimestamp,
  londonInstant,
  parseCalendarDate,
  parseInstant,
} from '../calendar.js';
import { HttpError, quote } from '../http/http-error.js';
import { readQueryParam } from '../http/query.js';
import type { Appointment, NewAppointment } from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  booleanValue,
  email,
  instant,
  oneOf,
  optionalText,
  phone,
  text,
} from '../validation/checks.js';
import { FieldErrors } from '../validation/field-errors.js';
import {
  present,
  readFields,
  type FieldRules,
  type FieldValues,
} from '../validation/read-fields.js';
import { checkReference } from '../validation/references.js';

/** Statuses a booking can be made in; the others are reached through actions or by the practice. */
const BOOKABLE_STATUSES = ['pending_approval', 'pending', 'confirmed', 'scheduled'] as const;

// Not documented by Jump: an appointment booked through the API is confirmed unless it says not.
const DEFAULT_STATUS = 'confirmed';

const NEW_APPOINTMENT_RULES = {
  patient_id: { check: text(100), required: true },
  clinician_profile_id: { check: text(100), required: true },
  appointment_type_id: { check: text(100), required: true },
  start_time: { check: instant(), required: true },
  end_time: { check: instant() },
  location_id: { check: optionalText(100) },
  is_remote: { check: booleanValue },
  title: { check: optionalText(200) },
  description: { check: optionalText(2000) },
  notes: { check: optionalText(2000) },
  attendee_name: { check: optionalText(200) },
  attendee_email: { check: email },
  attendee_phone: { check: phone },
  status: { check: oneOf(BOOKABLE_STATUSES) },
} satisfies FieldRules;

// What PATCH may change; `required` here means "cannot be cleared".
const APPOINTMENT_CHANGE_RULES = {
  title: { check: text(200), required: true },
  description: { check: optionalText(2000) },
  notes: { check: optionalText(2000) },
  attendee_name: { check: text(200), required: true },
  attendee_email: { check: email },
  attendee_phone: { check: phone },
  start_time: { check: instant(), required: true },
  end_time: { check: instant(), required: true },
  location_id: { check: optionalText(100) },
  is_remote: { check: booleanValue, required: true },
} satisfies FieldRules;

type NewAppointmentValues = FieldValues<typeof NEW_APPOINTMENT_RULES>;

const FIXED_FIELDS = ['patient_id', 'clinician_profile_id', 'appointment_type_id'] as const;

// Fields a PATCH may change on any appointment that is not cancelled, even one that has ended.
const DESCRIPTIVE_FIELDS = [
  'title',
  'description',
  'notes',
  'attendee_name',
  'attendee_email',
  'attendee_phone',
] as const;

const CANCEL_RULES = {
  cancellation_reason: { check: text(500), required: true },
} satisfies FieldRules;

/**
 * The body of `POST /appointments` (not documented by Jump; the fields are the object's own).
 * Every id must name a current record: an active clinician, appointment type and location and a
 * patient who is not archived. `end_time` defaults to the type's duration after `start_time`;
 * `title` to the type's name; the attendee to the patient. Whether the clinician is free is the
 * route's check, after this one.
 */
export function readNewAppointment(
  body: Record<string, unknown>,
  store: SandboxStore,
): NewAppointment {
  const errors = new FieldErrors();
  const values = readFields(NEW_APPOINTMENT_RULES, body, 'create', errors);
  const booked = checkBookable(values, store, errors);
  const isRemote = values.is_remote ?? false;
  checkPlace(isRemote, values.location_id ?? null, store, errors);
  const start = values.start_time ? Date.parse(values.start_time) : undefined;
  const end = values.end_time ? Date.parse(values.end_time) : undefined;
  if (start !== undefined && end !== undefined && end <= start) {
    errors.add('end_time', 'must be after start_time');
  }
  errors.throwIfAny();
  const who = present(booked.patient, 'patient_id');
  const type = present(booked.type, 'appointment_type_id');
  const startMs = present(start, 'start_time');
  const endMs = end ?? startMs + type.duration_minutes * 60_000;

  return {
    patient_id: who.id,
    clinician_profile_id: present(values.clinician_profile_id, 'clinician_profile_id'),
    appointment_type_id: present(values.appointment_type_id, 'appointment_type_id'),
    location_id: isRemote ? null : (values.location_id ?? null),
    title: values.title ?? type.name,
    start_time: formatTimestamp(startMs),
    end_time: formatTimestamp(endMs),
    status: values.status ?? DEFAULT_STATUS,
    is_remote: isRemote,
    attendee_name: values.attendee_name ?? `${who.first_name} ${who.last_name}`,
    attendee_email: values.attendee_email === undefined ? who.email : values.attendee_email,
    attendee_phone: values.attendee_phone === undefined ? who.phone : values.attendee_phone,
    notes: values.notes ?? null,
    description: values.description ?? null,
    duration_minutes: minutesBetween(startMs, endMs),
    cancellation_reason: null,
    booking_source: 'api',
  };
}

/**
 * The body of `PATCH /appointments/{id}`. The status changes only through actions (`/cancel`),
 * and the patient, clinician and type are fixed once booked. A new `start_time` without an
 * `end_time` keeps the length; `is_remote: true` clears the location.
 */
export function readAppointmentChanges(
  body: Record<string, unknown>,
  current: Appointment,
  store: SandboxStore,
): Partial<NewAppointment> {
  if (Object.hasOwn(body, 'status')) {
    throw new HttpError(
      400,
      `status cannot be changed with PATCH; cancel through POST /appointments/${current.id}/cancel`,
      { fields: [{ field: 'status', message: 'status cannot be changed with PATCH' }] },
    );
  }
  const errors = new FieldErrors();
  const values = readFields(APPOINTMENT_CHANGE_RULES, body, 'update', errors);
  for (const field of FIXED_FIELDS) {
    if (Object.hasOwn(body, field) && body[field] !== current[field]) {
      errors.add(field, 'cannot be changed');
    }
  }
  const isRemote = values.is_remote ?? current.is_remote;
  const location =
    values.location_id !== undefined
      ? values.location_id
      : values.is_remote === true
        ? null
        : current.location_id;
  if (values.location_id !== undefined || values.is_remote !== undefined) {
    checkPlace(isRemote, location, store, errors);
  }
  const start = Date.parse(values.start_time ?? current.start_time);
  const length = Date.parse(current.end_time) - Date.parse(current.start_time);
  const end = values.end_time
    ? Date.parse(values.end_time)
    : values.start_time
      ? start + length
      : Date.parse(current.end_time);
  if (end <= start) errors.add('end_time', 'must be after start_time');
  errors.throwIfAny();
  const changes = Object.fromEntries(
    DESCRIPTIVE_FIELDS.filter((field) => values[field] !== undefined).map((field) => [
      field,
      values[field],
    ]),
  ) as Partial<NewAppointment>;
  if (values.start_time !== undefined || values.end_time !== undefined) {
    changes.start_time = formatTimestamp(start);
    changes.end_time = formatTimestamp(end);
    changes.duration_minutes = minutesBetween(start, end);
  }
  if (values.location_id !== undefined || values.is_remote !== undefined) {
    changes.is_remote = isRemote;
    changes.location_id = location;
  }

  return changes;
}

/** Whether the changes move the appointment in time or place, which an ended one cannot do. */
export function movesAppointment(changes: Partial<NewAppointment>, current: Appointment): boolean {
  const changed = (field: 'start_time' | 'end_time' | 'location_id' | 'is_remote') =>
    changes[field] !== undefined && changes[field] !== current[field];

  return (
    changed('start_time') || changed('end_time') || changed('location_id') || changed('is_remote')
  );
}

/** The body of `POST /appointments/{id}/cancel`: a non-blank `cancellation_reason`. */
export function readCancellation(body: Record<string, unknown>): string {
  const errors = new FieldErrors();
  const values = readFields(CANCEL_RULES, body, 'create', errors);
  errors.throwIfAny();

  return present(values.cancellation_reason, 'cancellation_reason');
}

/**
 * A `date_gte` / `date_lte` bound on `start_time`, in epoch milliseconds. An instant is taken as
 * it is; a bare `YYYY-MM-DD` means that whole day on a London clock, so `date_lte=2026-07-01`
 * includes appointments starting at 23:30 that evening.
 */
export function readStartBound(
  query: URLSearchParams,
  name: 'date_gte' | 'date_lte',
): number | undefined {
  const value = readQueryParam(query, name);
  if (value === undefined) return undefined;

  const exact = parseInstant(value);
  if (exact !== undefined) return exact;

  const day = parseCalendarDate(value);
  if (day !== undefined) {
    return name === 'date_gte' ? londonInstant(day, 0) : londonInstant(day + DAY_MS, 0) - 1;
  }

  throw new HttpError(
    400,
    `${name} must be an ISO 8601 date-time with a zone or a YYYY-MM-DD date; received ${quote(value)}`,
  );
}

/** The patient, clinician and type a booking names, each of which must exist and be current. */
function checkBookable(values: NewAppointmentValues, store: SandboxStore, errors: FieldErrors) {
  const { patient_id: patientId, clinician_profile_id: clinicianId } = values;
  const patient = checkReference(
    errors,
    'patient_id',
    patientId,
    (id) => store.getPatient(id),
    'patient',
  );
  const clinician = checkReference(
    errors,
    'clinician_profile_id',
    clinicianId,
    (id) => store.getClinician(id),
    'clinician',
  );
  const type = checkReference(
    errors,
    'appointment_type_id',
    values.appointment_type_id,
    (id) => store.getAppointmentType(id),
    'appointment type',
  );
  if (patient?.archived_at) errors.add('patient_id', 'names an archived patient');
  if (clinician && !clinician.is_active) {
    errors.add('clinician_profile_id', 'names a clinician who is no longer active');
  }
  if (type && !type.is_active) {
    errors.add('appointment_type_id', 'names an appointment type that is no longer offered');
  }

  return { patient, type };
}

/** The remote/in-person rule: a remote appointment has no location, an in-person one an open one. */
function checkPlace(
  isRemote: boolean,
  locationId: string | null,
  store: SandboxStore,
  errors: FieldErrors,
): void {
  if (isRemote) {
    if (locationId !== null) errors.add('location_id', 'must be null for a remote appointment');
    return;
  }
  if (locationId === null) {
    errors.add('location_id', 'is required unless is_remote is true');
    return;
  }
  const location = checkReference(
    errors,
    'location_id',
    locationId,
    (id) => store.getLocation(id),
    'location',
  );
  if (location && !location.is_active) errors.add('location_id', 'names a location that is closed');
}

function minutesBetween(start: number, end: number): number {
  return Math.max(1, Math.round((end - start) / 60_000));
}
