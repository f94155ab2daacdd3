import {
  DAY_MS,
  formatCalendarDate,
  londonDate,
  londonInstant,
  parseCalendarDate,
} from '../calendar.js';

/**
 * The days the synthetic data is laid out between, all counted from one anchor day: the history
 * ends the day before it and the diary runs on for twelve weeks from it. Each span is a fixed
 * number of days, so moving the anchor moves every span without changing its length, and the
 * same seed draws the same patients around any anchor.
 */
export interface Timeline {
  /** `YYYY-MM-DD`, as given. */
  anchorDate: string;
  firstBirth: number;
  lastBirth: number;
  firstRegistration: number;
  lastRegistration: number;
  /** The day before the anchor: the last day with a past consultation or appointment. */
  lastConsultation: number;
  /** Appointments are kept from here; older ones were archived before the practice moved EHR. */
  firstAppointment: number;
  /** The anchor day itself; appointments from here on are still to come. */
  firstFutureAppointment: number;
  lastAppointment: number;
  /** The day the inactive clinicians stopped working at the practice. */
  cliniciansLeft: number;
  /** London midnight at the start of the anchor day; no generated timestamp reaches it. */
  asOf: number;
}

// Before 2000 the BST arithmetic in calendar.ts would hand most conversions to slow Intl calls;
// after 2099 nobody knows the clock-change or bank-holiday rules.
const EARLIEST_ANCHOR = '2000-01-01';
const LATEST_ANCHOR = '2099-12-31';
const UPCOMING_WEEKS = 12;

/** Whole days in `count` average years. */
const years = (count: number) => Math.round(count * 365.25);

export function createTimeline(anchorDate: string): Timeline {
  const anchor = parseCalendarDate(anchorDate);
  const problem = anchorDateProblem(anchorDate);
  if (anchor === undefined || problem) {
    throw new RangeError(`Anchor date ${problem}; received ${JSON.stringify(anchorDate)}`);
  }

  const before = (days: number) => anchor - days * DAY_MS;

  return {
    anchorDate,
    firstBirth: before(years(96)),
    lastBirth: before(366),
    firstRegistration: before(years(11)),
    lastRegistration: before(185),
    lastConsultation: before(1),
    firstAppointment: before(years(2)),
    firstFutureAppointment: anchor,
    lastAppointment: anchor + (UPCOMING_WEEKS * 7 - 1) * DAY_MS,
    cliniciansLeft: before(184),
    asOf: londonInstant(anchor, 0),
  };
}

/** Why `text` cannot anchor the data (a phrase following the name of the setting), if it cannot. */
export function anchorDateProblem(text: string): string | undefined {
  const valid = parseCalendarDate(text) !== undefined;
  if (valid && text >= EARLIEST_ANCHOR && text <= LATEST_ANCHOR) return undefined;

  return `must be a date in YYYY-MM-DD format from ${EARLIEST_ANCHOR} to ${LATEST_ANCHOR}`;
}

/**
 * The Monday on or before `now` on a London calendar: the data stays the same all week for a
 * seed, and its diary always starts no later than today.
 */
export function mondayOnOrBefore(now: Date): string {
  const today = parseCalendarDate(londonDate(now)) ?? 0;
  const daysSinceMonday = (new Date(today).getUTCDay() + 6) % 7;

  return formatCalendarDate(today - daysSinceMonday * DAY_MS);
}
