import { parseCalendarDate } from '../calendar.js';

function dateMs(text: string): number {
  const ms = parseCalendarDate(text);
  if (ms === undefined) throw new RangeError(`Not a calendar date: ${text}`);

  return ms;
}

/**
 * Fixed dates the synthetic data is laid out between. They never move with the wall clock, so a
 * seed gives the same bytes on any day.
 */
export const TIMELINE = {
  firstBirth: dateMs('1930-01-01'),
  lastBirth: dateMs('2024-12-31'),
  firstRegistration: dateMs('2015-01-01'),
  lastRegistration: dateMs('2025-06-30'),
  lastConsultation: dateMs('2025-12-31'),
  /** Appointments are kept from here; older ones were archived before the practice moved EHR. */
  firstAppointment: dateMs('2024-01-02'),
  /** The first working day after `asOf`; appointments from here on are still to come. */
  firstFutureAppointment: dateMs('2026-01-05'),
  lastAppointment: dateMs('2026-03-27'),
  /** The day the inactive clinicians stopped working at the practice. */
  cliniciansLeft: dateMs('2025-07-01'),
  /** The instant the data set is "as of"; no generated timestamp reaches it. */
  asOf: dateMs('2026-01-01'),
} as const;
