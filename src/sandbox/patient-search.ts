import type { Patient } from './records.js';

/**
 * The OLDER `search` parameter: a case-insensitive substring of the first name, the last name or
 * "first last"; or, when the term is only digits and spaces, a substring of the NHS number with
 * spaces ignored on both sides, so `9991234567` and `999 123 4567` find the same patient.
 */
export function matchesPatientSearch(patient: Patient, search: string): boolean {
  const term = search.trim().replace(/\s+/g, ' ').toLowerCase();
  if (term === '') return true;

  if (/^[\d ]+$/.test(term)) {
    return (patient.nhs_number ?? '').replace(/ /g, '').includes(term.replace(/ /g, ''));
  }
  const first = patient.first_name.toLowerCase();
  const last = patient.last_name.toLowerCase();

  return first.includes(term) || last.includes(term) || `${first} ${last}`.includes(term);
}
