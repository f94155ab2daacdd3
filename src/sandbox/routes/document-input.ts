import { DOCUMENT_TYPES, SANDBOX_API_USER_ID, type NewPatientDocument } from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  fileName,
  mimeType,
  nonNegativeInteger,
  oneOf,
  optionalText,
  text,
} from '../validation/checks.js';
import { FieldErrors } from '../validation/field-errors.js';
import { present, readFields, type FieldRules } from '../validation/read-fields.js';
import { checkReference } from '../validation/references.js';

const DOCUMENT_RULES = {
  patient_id: { check: text(100), required: true },
  document_type: { check: oneOf(DOCUMENT_TYPES), required: true },
  title: { check: text(200), required: true },
  file_name: { check: fileName, required: true },
  mime_type: { check: mimeType, required: true },
  description: { check: optionalText(2000) },
  file_size: { check: nonNegativeInteger },
} satisfies FieldRules;

/**
 * The body of `POST /documents`: a record only, as Jump's upload mechanics are not documented.
 * `file_path` follows from the patient and file name; `uploaded_by` is the sandbox API user.
 */
export function readNewDocument(
  body: Record<string, unknown>,
  store: SandboxStore,
): NewPatientDocument {
  const errors = new FieldErrors();
  const values = readFields(DOCUMENT_RULES, body, 'create', errors);
  checkReference(errors, 'patient_id', values.patient_id, (id) => store.getPatient(id), 'patient');
  errors.throwIfAny();

  return {
    patient_id: present(values.patient_id, 'patient_id'),
    document_type: present(values.document_type, 'document_type'),
    title: present(values.title, 'title'),
    description: values.description ?? null,
    file_name: present(values.file_name, 'file_name'),
    mime_type: present(values.mime_type, 'mime_type'),
    file_size: values.file_size ?? 0,
    uploaded_by: SANDBOX_API_USER_ID,
  };
}
