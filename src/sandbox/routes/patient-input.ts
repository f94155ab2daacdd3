import { londonDate } from '../calendar.js';
import { SANDBOX_API_USER_ID, type NewPatient, type Patient } from '../records.js';
import {
  calendarDate,
  email,
  instant,
  jsonObject,
  nhsNumber,
  oneOf,
  optionalText,
  phone,
  text,
  ukPostcode,
} from '../validation/checks.js';
import { FieldErrors } from '../validation/field-errors.js';
import {
  present,
  readFields,
  type FieldRules,
  type FieldValues,
} from '../validation/read-fields.js';

const DEFAULT_COUNTRY = 'United Kingdom';

function patientRules(now: Date) {
  return {
    first_name: { check: text(100), required: true },
    last_name: { check: text(100), required: true },
    date_of_birth: { check: calendarDate(() => londonDate(now)), required: true },
    nhs_number: { check: nhsNumber },
    email: { check: email },
    phone: { check: phone },
    address_line_1: { check: optionalText(200) },
    address_line_2: { check: optionalText(200) },
    city: { check: optionalText(100) },
    postcode: { check: ukPostcode },
    country: { check: optionalText(100) },
    gender: { check: oneOf(['male', 'female', 'other']) },
    custom_fields: { check: jsonObject },
  } satisfies FieldRules;
}

// NEWER: archiving is a PATCH (Jump never deletes a patient); the fields mean nothing on create.
function archiveRules(now: Date) {
  return {
    archived_at: { check: instant(() => now.getTime()) },
    archive_reason: { check: optionalText(200) },
    archive_notes: { check: optionalText(2000) },
  } satisfies FieldRules;
}

/** The body of `POST /patients`, checked in full; a 400 lists every problem. */
export function readNewPatient(body: Record<string, unknown>, now: Date): NewPatient {
  const errors = new FieldErrors();
  const values = readFields(patientRules(now), body, 'create', errors);
  errors.throwIfAny();

  return {
    first_name: present(values.first_name, 'first_name'),
    last_name: present(values.last_name, 'last_name'),
    date_of_birth: present(values.date_of_birth, 'date_of_birth'),
    nhs_number: values.nhs_number ?? null,
    email: values.email ?? null,
    phone: values.phone ?? null,
    address_line_1: values.address_line_1 ?? null,
    address_line_2: values.address_line_2 ?? null,
    city: values.city ?? null,
    postcode: values.postcode ?? null,
    country: values.country ?? DEFAULT_COUNTRY,
    gender: values.gender ?? null,
    custom_fields: values.custom_fields ?? {},
    archived_at: null,
    archived_by: null,
    archive_reason: null,
    archive_notes: null,
  };
}

/**
 * The body of `PATCH /patients/{id}`: only the fields it names change, `null` clears an optional
 * field (`custom_fields` clears to `{}`), and `id` and the timestamps are ignored. An
 * `archived_at` instant archives the patient as `usr_sandbox_api`; `archived_at: null` restores
 * them and clears every archive field. A reason or notes need an archived patient.
 */
export function readPatientChanges(
  body: Record<string, unknown>,
  current: Patient,
  now: Date,
): Partial<NewPatient> {
  const errors = new FieldErrors();
  const { custom_fields: customFields, ...values } = readFields(
    patientRules(now),
    body,
    'update',
    errors,
  );
  const archive = readFields(archiveRules(now), body, 'update', errors);
  const archived =
    archive.archived_at === undefined ? current.archived_at !== null : archive.archived_at !== null;
  for (const field of ['archive_reason', 'archive_notes'] as const) {
    if (!archived && archive[field]) {
      errors.add(field, 'can only be set on an archived patient; send archived_at as well');
    }
  }
  errors.throwIfAny();
  const changes: Partial<NewPatient> = values as Partial<NewPatient>;
  if (customFields !== undefined) changes.custom_fields = customFields ?? {};

  return { ...changes, ...archiveChanges(archive) };
}

function archiveChanges(
  archive: FieldValues<ReturnType<typeof archiveRules>>,
): Partial<NewPatient> {
  const { archived_at: archivedAt, archive_reason: reason, archive_notes: notes } = archive;
  if (archivedAt === null) {
    return { archived_at: null, archived_by: null, archive_reason: null, archive_notes: null };
  }
  const changes: Partial<NewPatient> = { archive_reason: reason, archive_notes: notes };
  if (archivedAt !== undefined) {
    changes.archived_at = archivedAt;
    changes.archived_by = SANDBOX_API_USER_ID;
  }

  return changes;
}
