import { onlineBookingProblem } from '../availability.js';
import { parseCalendarDate, resolveLondonTime } from '../calendar.js';
import type { AppointmentType, Clinician, Location, Patient } from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  calendarDate,
  email,
  hourMinute,
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

// Every sandbox location keeps Europe/London, the zone `calendar.ts` converts, and a remote hold
// is read on the practice's clock, so one zone serves every hold.
const HOLD_ZONE = 'Europe/London';

const NEW_HOLD_RULES = {
  appointment_type_id: { check: text(100), required: true },
  clinician_id: { check: text(100), required: true },
  date: { check: calendarDate(), required: true },
  start_time: { check: hourMinute, required: true },
  location_id: { check: optionalText(100) },
} satisfies FieldRules;

type NewHoldValues = FieldValues<typeof NEW_HOLD_RULES>;

const CONFIRM_RULES = {
  patient_id: { check: text(100), required: true },
  notes: { check: optionalText(2000) },
  attendee_name: { check: optionalText(200) },
  attendee_email: { check: email },
  attendee_phone: { check: phone },
} satisfies FieldRules;

/** A slot asked for by `POST /holds`, its references found and its wall-clock time resolved. */
export interface HoldRequest {
  type: AppointmentType;
  clinician: Clinician;
  /** Undefined when the body named none: the clinician's session at that time decides. */
  location: Location | undefined;
  /** `YYYY-MM-DD` and `HH:MM` as sent, for messages. */
  date: string;
  time: string;
  /** The London day as UTC midnight, and the instant the wall-clock time names on it. */
  day: number;
  start: number;
}

/** What `POST /holds/{id}/confirm` adds to the hold to make an appointment. */
export interface Confirmation {
  patient: Patient;
  notes: string | null;
  attendee_name: string;
  attendee_email: string | null;
  attendee_phone: string | null;
}

/**
 * The body of `POST /holds` (jump-api.md §3.11): `date` and `start_time` are a wall-clock time in
 * Europe/London, so a time the spring change skips, or the autumn change repeats, is refused
 * rather than guessed. The type must be bookable online; the clinician and location current.
 * Whether a session gives that slot, and whether it is free, are the route's checks.
 */
export function readNewHold(body: Record<string, unknown>, store: SandboxStore): HoldRequest {
  const errors = new FieldErrors();
  const values = readFields(NEW_HOLD_RULES, body, 'create', errors);
  const { type, clinician, location } = checkHoldReferences(values, store, errors);
  const start = resolveStart(values, errors);
  errors.throwIfAny();
  const date = present(values.date, 'date');

  return {
    type: present(type, 'appointment_type_id'),
    clinician: present(clinician, 'clinician_id'),
    location,
    date,
    time: present(values.start_time, 'start_time'),
    day: present(parseCalendarDate(date), 'date'),
    start: present(start, 'start_time'),
  };
}

/**
 * The body of `POST /holds/{id}/confirm` (not documented by Jump): a `patient_id` naming a patient
 * who is not archived, and optionally notes and an attendee, who defaults to the patient.
 */
export function readConfirmation(body: Record<string, unknown>, store: SandboxStore): Confirmation {
  const errors = new FieldErrors();
  const values = readFields(CONFIRM_RULES, body, 'create', errors);
  const patient = checkReference(
    errors,
    'patient_id',
    values.patient_id,
    (id) => store.getPatient(id),
    'patient',
  );
  if (patient?.archived_at) errors.add('patient_id', 'names an archived patient');
  errors.throwIfAny();
  const who = present(patient, 'patient_id');

  return {
    patient: who,
    notes: values.notes ?? null,
    attendee_name: values.attendee_name ?? `${who.first_name} ${who.last_name}`,
    attendee_email: values.attendee_email === undefined ? who.email : values.attendee_email,
    attendee_phone: values.attendee_phone === undefined ? who.phone : values.attendee_phone,
  };
}

function checkHoldReferences(values: NewHoldValues, store: SandboxStore, errors: FieldErrors) {
  const type = checkReference(
    errors,
    'appointment_type_id',
    values.appointment_type_id,
    (id) => store.getAppointmentType(id),
    'appointment type',
  );
  const clinician = checkReference(
    errors,
    'clinician_id',
    values.clinician_id,
    (id) => store.getClinician(id),
    'clinician',
  );
  const location = checkReference(
    errors,
    'location_id',
    values.location_id,
    (id) => store.getLocation(id),
    'location',
  );
  const offline = type && onlineBookingProblem(type);
  if (offline) {
    errors.add(
      'appointment_type_id',
      `names an appointment type that cannot be booked online: ${offline}`,
    );
  }
  if (clinician && !clinician.is_active) {
    errors.add('clinician_id', 'names a clinician who is no longer active');
  }
  if (location && !location.is_active) errors.add('location_id', 'names a location that is closed');

  return { type, clinician, location };
}

/** The instant `date` and `start_time` name in London, when they name exactly one. */
function resolveStart(values: NewHoldValues, errors: FieldErrors): number | undefined {
  const { date, start_time: time } = values;
  const day = date ? parseCalendarDate(date) : undefined;
  if (day === undefined || !time) return undefined;

  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  const resolved = resolveLondonTime(day, minutes);
  if (resolved.kind === 'exact') return resolved.instant;

  if (resolved.kind === 'skipped') {
    errors.add(
      'start_time',
      `${time} does not exist on ${date} in ${HOLD_ZONE}: the clocks go forward an hour that night`,
    );
  } else {
    errors.add(
      'start_time',
      `${time} is ambiguous on ${date} in ${HOLD_ZONE}: the clocks go back an hour that night, so it occurs twice`,
    );
  }

  return undefined;
}
