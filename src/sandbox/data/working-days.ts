import { DAY_MS } from '../calendar.js';
import type { Random } from './random.js';

const SUNDAY = 0;
const MONDAY = 1;
const SATURDAY = 6;

// Holidays are worked out by year on first use; the sandbox asks about a handful of years.
const holidaysByYear = new Map<number, ReadonlySet<number>>();

/** Monday to Friday and not a bank holiday, for the day starting at `dayMs` (UTC midnight). */
export function isWorkingDay(dayMs: number): boolean {
  const weekday = new Date(dayMs).getUTCDay();

  return weekday !== SUNDAY && weekday !== SATURDAY && !isBankHoliday(dayMs);
}

// A span of a week or more always has a working day; this many draws all missing one is rarer
// than one in ten billion, and then the days are searched in turn.
const DRAWS = 20;

/**
 * A working day from `first` to `last` (UTC midnights, both included), each as likely as the
 * next, or undefined when the span has none.
 */
export function randomWorkingDay(random: Random, first: number, last: number): number | undefined {
  if (first > last) return undefined;

  const span = Math.floor((last - first) / DAY_MS);
  let day = first;
  for (let draw = 0; draw < DRAWS; draw += 1) {
    day = first + random.int(0, span) * DAY_MS;
    if (isWorkingDay(day)) return day;
  }
  for (let step = 0; step <= span; step += 1) {
    const next = first + (((day - first) / DAY_MS + step) % (span + 1)) * DAY_MS;
    if (isWorkingDay(next)) return next;
  }

  return undefined;
}

/**
 * Whether the day starting at `dayMs` (UTC midnight) is an England and Wales bank holiday under
 * the standing rules, substitute days included. One-off holidays the government adds (a
 * coronation, a jubilee) cannot be foreseen and are not known; none fall from 2024 on.
 */
export function isBankHoliday(dayMs: number): boolean {
  const year = new Date(dayMs).getUTCFullYear();
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Set(bankHolidaysOf(year));
    holidaysByYear.set(year, holidays);
  }

  return holidays.has(dayMs);
}

function bankHolidaysOf(year: number): number[] {
  const easter = easterSunday(year);
  const newYear = Date.UTC(year, 0, 1);
  const christmas = Date.UTC(year, 11, 25);

  return [
    nextWeekday(newYear),
    easter - 2 * DAY_MS,
    easter + DAY_MS,
    firstMonday(year, 4),
    lastMonday(year, 4),
    lastMonday(year, 7),
    ...christmasHolidays(christmas),
  ];
}

/** Christmas and Boxing Day, each moved to the next weekday the other does not already take. */
function christmasHolidays(christmas: number): number[] {
  const first = nextWeekday(christmas);
  const second = nextWeekday(Math.max(christmas + DAY_MS, first + DAY_MS));

  return [first, second];
}

/** The day itself on a weekday; the Monday after on a weekend. */
function nextWeekday(dayMs: number): number {
  const weekday = new Date(dayMs).getUTCDay();
  if (weekday === SATURDAY) return dayMs + 2 * DAY_MS;

  return weekday === SUNDAY ? dayMs + DAY_MS : dayMs;
}

function firstMonday(year: number, month: number): number {
  const first = Date.UTC(year, month, 1);

  return first + ((MONDAY - new Date(first).getUTCDay() + 7) % 7) * DAY_MS;
}

function lastMonday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0);

  return last - ((new Date(last).getUTCDay() - MONDAY + 7) % 7) * DAY_MS;
}

/** Western Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus). */
function easterSunday(year: number): number {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const correction = Math.floor((century + 8) / 25);
  const moonCorrection = Math.floor((century - correction + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - moonCorrection + 15) % 30;
  const weekdayShift =
    (32 + 2 * (century % 4) + 2 * Math.floor(yearOfCentury / 4) - epact - (yearOfCentury % 4)) % 7;
  const lateMarch = Math.floor((golden + 11 * epact + 22 * weekdayShift) / 451);
  const daysFromMarch22 = epact + weekdayShift - 7 * lateMarch;

  return Date.UTC(year, 2, 22 + daysFromMarch22);
}
