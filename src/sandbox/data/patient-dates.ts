import { DAY_MS, parseCalendarDate } from '../calendar.js';
import type { Patient } from '../records.js';

const YEAR_MS = 365.25 * DAY_MS;

/** UTC midnight of the patient's date of birth. */
export function birthDay(patient: Patient): number {
  return dayOf(patient.date_of_birth);
}

/** UTC midnight of the day the patient registered with the practice. */
export function registrationDay(patient: Patient): number {
  return dayOf(patient.created_at.slice(0, 10));
}

/** Age in (fractional) years at an instant. */
export function ageAt(patient: Patient, ms: number): number {
  return (ms - birthDay(patient)) / YEAR_MS;
}

/** UTC midnight of the first day the patient was at least `years` old ("the day they turned 40"). */
export function birthdayAfter(patient: Patient, years: number): number {
  return Math.ceil((birthDay(patient) + years * YEAR_MS) / DAY_MS) * DAY_MS;
}

// The generator only reads back dates it wrote, so an unreadable one is a bug in it.
function dayOf(date: string): number {
  const day = parseCalendarDate(date);
  if (day === undefined) throw new RangeError(`Not a calendar date: ${date}`);

  return day;
}
