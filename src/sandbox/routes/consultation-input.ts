import { consultationTypeDisplay } from '../data/consultation-types.js';
import { CONSULTATION_STATUSES, type Consultation, type NewConsultation } from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  calendarDate,
  clockTime,
  oneOf,
  optionalText,
  snomedCode,
  text,
} from '../validation/checks.js';
import { FieldErrors } from '../validation/field-errors.js';
import {
  present,
  readFields,
  type FieldRules,
  type FieldValues,
} from '../validation/read-fields.js';

// Not documented by Jump: a consultation recorded through the API is taken to have happened.
const DEFAULT_STATUS = 'completed';

const CONSULTATION_RULES = {
  patient_id: { check: text(100), required: true },
  consultation_date: { check: calendarDate(), required: true },
  consultation_time: { check: clockTime },
  appointment_id: { check: optionalText(100) },
  clinician_id: { check: optionalText(100) },
  location_id: { check: optionalText(100) },
  consultation_type_code: { check: snomedCode },
  consultation_type_display: { check: optionalText(200) },
  chief_complaint: { check: optionalText(1000) },
  summary: { check: optionalText(10_000) },
  status: { check: oneOf(CONSULTATION_STATUSES) },
} satisfies FieldRules;

type ConsultationValues = FieldValues<typeof CONSULTATION_RULES>;

/** The body of `POST /consultations`; the ids it names must exist in the sandbox. */
export function readNewConsultation(
  body: Record<string, unknown>,
  store: SandboxStore,
): NewConsultation {
  const errors = new FieldErrors();
  const values = readFields(CONSULTATION_RULES, body, 'create', errors);
  if (values.patient_id && !store.getPatient(values.patient_id)) {
    errors.add('patient_id', 'does not match any patient');
  }
  checkReferences(values, values.patient_id, store, errors);
  errors.throwIfAny();
  const code = values.consultation_type_code ?? null;

  return {
    patient_id: present(values.patient_id, 'patient_id'),
    clinician_id: values.clinician_id ?? null,
    location_id: values.location_id ?? null,
    appointment_id: values.appointment_id ?? null,
    consultation_date: present(values.consultation_date, 'consultation_date'),
    consultation_time: values.consultation_time ?? null,
    status: values.status ?? DEFAULT_STATUS,
    consultation_type_code: code,
    consultation_type_display: values.consultation_type_display ?? displayFor(code),
    chief_complaint: values.chief_complaint ?? null,
    summary: values.summary ?? null,
  };
}

/**
 * The body of `PATCH /consultations/{id}`. A consultation cannot move to another patient; a new
 * type code without a display takes the sandbox's display for it (or none), never the old one.
 */
export function readConsultationChanges(
  body: Record<string, unknown>,
  current: Consultation,
  store: SandboxStore,
): Partial<NewConsultation> {
  const errors = new FieldErrors();
  const values = readFields(CONSULTATION_RULES, body, 'update', errors);
  if (values.patient_id !== undefined && values.patient_id !== current.patient_id) {
    errors.add('patient_id', 'cannot be changed');
  }
  checkReferences(values, current.patient_id, store, errors);
  errors.throwIfAny();
  const changes = values as Partial<NewConsultation>;
  const code = values.consultation_type_code;
  if (code !== undefined && values.consultation_type_display === undefined) {
    changes.consultation_type_display = displayFor(code);
  }

  return changes;
}

function checkReferences(
  values: ConsultationValues,
  patientId: string | null | undefined,
  store: SandboxStore,
  errors: FieldErrors,
) {
  if (values.clinician_id && !store.getClinician(values.clinician_id)) {
    errors.add('clinician_id', 'does not match any clinician');
  }
  if (values.location_id && !store.getLocation(values.location_id)) {
    errors.add('location_id', 'does not match any location');
  }
  const appointment = values.appointment_id && store.getAppointment(values.appointment_id);
  if (values.appointment_id && !appointment) {
    errors.add('appointment_id', 'does not match any appointment');
  } else if (appointment && patientId && appointment.patient_id !== patientId) {
    errors.add('appointment_id', 'is another patient’s appointment');
  }
}

function displayFor(code: string | null): string | null {
  return code === null ? null : (consultationTypeDisplay(code) ?? null);
}
