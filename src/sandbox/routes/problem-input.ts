import { londonDate } from '../calendar.js';
import {
  PROBLEM_SEVERITIES,
  PROBLEM_STATUSES,
  type NewProblem,
  type ProblemStatus,
} from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  calendarDate,
  icd10Code,
  oneOf,
  optionalText,
  snomedCode,
  text,
} from '../validation/checks.js';
import { FieldErrors } from '../validation/field-errors.js';
import { present, readFields, type FieldRules } from '../validation/read-fields.js';
import { checkReference } from '../validation/references.js';

const DEFAULT_STATUS: ProblemStatus = 'active';

function problemRules(now: Date) {
  const notFuture = calendarDate(() => londonDate(now));

  return {
    patient_id: { check: text(100), required: true },
    problem_name: { check: text(200), required: true },
    snomed_code: { check: snomedCode },
    icd10_code: { check: icd10Code },
    status: { check: oneOf(PROBLEM_STATUSES) },
    severity: { check: oneOf(PROBLEM_SEVERITIES) },
    onset_date: { check: notFuture },
    end_date: { check: notFuture },
    notes: { check: optionalText(2000) },
  } satisfies FieldRules;
}

/**
 * The body of `POST /problems` (the create body is not documented; this takes the object's own
 * fields). A resolved problem needs its `end_date`, and an active one cannot have one.
 */
export function readNewProblem(
  body: Record<string, unknown>,
  store: SandboxStore,
  now: Date,
): NewProblem {
  const errors = new FieldErrors();
  const values = readFields(problemRules(now), body, 'create', errors);
  checkReference(errors, 'patient_id', values.patient_id, (id) => store.getPatient(id), 'patient');
  const status = values.status ?? DEFAULT_STATUS;
  const onset = values.onset_date ?? null;
  const end = values.end_date ?? null;
  if (onset && end && end < onset) errors.add('end_date', 'must not be before onset_date');
  if (status === 'resolved' && !end) errors.add('end_date', 'is required when status is resolved');
  if (status === 'active' && end) errors.add('end_date', 'must be empty while status is active');
  errors.throwIfAny();

  return {
    patient_id: present(values.patient_id, 'patient_id'),
    problem_name: present(values.problem_name, 'problem_name'),
    snomed_code: values.snomed_code ?? null,
    icd10_code: values.icd10_code ?? null,
    status,
    severity: values.severity ?? null,
    onset_date: onset,
    end_date: end,
    notes: values.notes ?? null,
  };
}
