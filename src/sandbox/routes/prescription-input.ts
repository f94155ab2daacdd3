import { londonDate } from '../calendar.js';
import {
  MEDICATION_ROUTES,
  PRESCRIPTION_STATUSES,
  type NewPrescription,
  type Prescription,
  type PrescriptionStatus,
} from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  calendarDate,
  dosageAmount,
  nonNegativeInteger,
  oneOf,
  optionalText,
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

// Not documented by Jump: a prescription recorded through the API is in use until changed.
const DEFAULT_STATUS = 'active';

const PRESCRIPTION_RULES = {
  patient_id: { check: text(100), required: true },
  medication_name: { check: text(200), required: true },
  dosage: { check: dosageAmount, required: true },
  dosage_unit: { check: text(30), required: true },
  frequency: { check: text(200), required: true },
  display_name: { check: optionalText(300) },
  route: { check: oneOf(MEDICATION_ROUTES) },
  quantity: { check: nonNegativeInteger },
  refills: { check: nonNegativeInteger },
  start_date: { check: calendarDate() },
  end_date: { check: calendarDate() },
  status: { check: oneOf(PRESCRIPTION_STATUSES) },
  instructions: { check: optionalText(2000) },
  notes: { check: optionalText(2000) },
  prescriber_id: { check: optionalText(100) },
} satisfies FieldRules;

type PrescriptionValues = FieldValues<typeof PRESCRIPTION_RULES>;

// Fields every prescription has; a PATCH may change them but not clear them.
const NOT_NULLABLE = ['refills', 'start_date', 'status'] as const;

// The fields the default display name is made of.
const MEDICATION_FIELDS = ['medication_name', 'dosage', 'dosage_unit'] as const;

// A course in one of these has ended, so it has the date it ended on.
const ENDED_STATUSES: readonly PrescriptionStatus[] = ['stopped', 'completed'];

/**
 * The body of `POST /prescriptions`. `display_name` defaults to "<medication> <dosage><unit>"
 * ("Metformin 500mg"), `start_date` to today in the UK, `refills` to 0. A `stopped` or
 * `completed` prescription needs its `end_date`.
 */
export function readNewPrescription(
  body: Record<string, unknown>,
  store: SandboxStore,
  now: Date,
): NewPrescription {
  const errors = new FieldErrors();
  const values = readFields(PRESCRIPTION_RULES, body, 'create', errors);
  checkReference(errors, 'patient_id', values.patient_id, (id) => store.getPatient(id), 'patient');
  checkPrescriber(values, store, errors);
  const startDate = values.start_date ?? londonDate(now);
  const status = values.status ?? DEFAULT_STATUS;
  checkEnded(status, values.end_date ?? null, errors);
  checkDates(startDate, values.end_date ?? null, errors);
  errors.throwIfAny();
  const medication = {
    medication_name: present(values.medication_name, 'medication_name'),
    dosage: present(values.dosage, 'dosage'),
    dosage_unit: present(values.dosage_unit, 'dosage_unit'),
  };

  return {
    patient_id: present(values.patient_id, 'patient_id'),
    prescriber_id: values.prescriber_id ?? null,
    display_name: values.display_name ?? displayName(medication),
    ...medication,
    frequency: present(values.frequency, 'frequency'),
    route: values.route ?? null,
    quantity: values.quantity ?? null,
    refills: values.refills ?? 0,
    start_date: startDate,
    end_date: values.end_date ?? null,
    status,
    instructions: values.instructions ?? null,
    notes: values.notes ?? null,
  };
}

/**
 * The body of `PATCH /prescriptions/{id}`, checked as on create against the record it would make.
 * A prescription cannot move to another patient.
 *
 * A new medicine, dosage or unit renames a prescription still under its default display name;
 * one a clinician named keeps its name unless the body gives another (null restores the default).
 * Dates follow the status (see `endDateAfter`), "today" being the London date at `now`.
 */
export function readPrescriptionChanges(
  body: Record<string, unknown>,
  current: Prescription,
  store: SandboxStore,
  now: Date,
): Partial<NewPrescription> {
  const errors = new FieldErrors();
  const values = readFields(PRESCRIPTION_RULES, body, 'update', errors);
  if (values.patient_id !== undefined && values.patient_id !== current.patient_id) {
    errors.add('patient_id', 'cannot be changed');
  }
  for (const field of NOT_NULLABLE) {
    if (values[field] === null) errors.add(field, 'cannot be null');
  }
  checkPrescriber(values, store, errors);
  const today = londonDate(now);
  const status = values.status ?? current.status;
  const startDate = values.start_date ?? current.start_date;
  const endDate = endDateAfter(values, current, startDate, today);
  checkEnded(status, endDate, errors);
  if (values.status === 'active' && values.end_date && values.end_date < today) {
    errors.add('end_date', `must not be before today (${today}) when status is active`);
  }
  checkDates(startDate, endDate, errors);
  errors.throwIfAny();
  const changes: Partial<NewPrescription> = { ...(values as Partial<NewPrescription>) };
  changes.end_date = endDate;
  const renamed = MEDICATION_FIELDS.some((field) => values[field] !== undefined);
  const wasDefault = current.display_name === displayName(current);
  if (
    values.display_name === null ||
    (renamed && values.display_name === undefined && wasDefault)
  ) {
    changes.display_name = displayName({ ...current, ...changes });
  }

  return changes;
}

/**
 * The end date a PATCH leaves. One the body gives stands. Otherwise a PATCH that stops or
 * completes the course ends it today (on its start, if it has not begun), unless it had already
 * ended by today; and a PATCH that makes it active clears an end that has passed, keeping a
 * planned one.
 */
function endDateAfter(
  values: PrescriptionValues,
  current: Prescription,
  startDate: string,
  today: string,
): string | null {
  if (values.end_date !== undefined) return values.end_date;

  const stored = current.end_date;
  if (values.status && ENDED_STATUSES.includes(values.status)) {
    if (stored !== null && stored <= today) return stored;

    return startDate > today ? startDate : today;
  }
  if (values.status === 'active' && stored !== null && stored < today) return null;

  return stored;
}

function checkEnded(status: PrescriptionStatus, endDate: string | null, errors: FieldErrors) {
  if (ENDED_STATUSES.includes(status) && endDate === null) {
    errors.add('end_date', `is required when status is ${status}`);
  }
}

function checkPrescriber(values: PrescriptionValues, store: SandboxStore, errors: FieldErrors) {
  const find = (id: string) => store.getClinician(id);
  checkReference(errors, 'prescriber_id', values.prescriber_id, find, 'clinician');
}

function checkDates(startDate: string, endDate: string | null, errors: FieldErrors): void {
  if (endDate !== null && endDate < startDate) {
    errors.add('end_date', 'must not be before start_date');
  }
}

function displayName(medication: Pick<Prescription, 'medication_name' | 'dosage' | 'dosage_unit'>) {
  return `${medication.medication_name} ${medication.dosage}${medication.dosage_unit}`;
}
