export const DAY_MS = 86_400_000;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

const londonDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Milliseconds at UTC midnight of a real `YYYY-MM-DD` date (not 2025-02-30), else undefined. */
export function parseCalendarDate(text: string): number | undefined {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return undefined;

  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;

  return roundTrips ? date.getTime() : undefined;
}

export function formatCalendarDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `HH:MM` or `HH:MM:SS` normalised to `HH:MM:SS`, or undefined. */
export function parseClockTime(text: string): string | undefined {
  const match = CLOCK_TIME.exec(text);
  if (!match) return undefined;

  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
}

/** ISO 8601 in UTC to the second (`2025-01-15T10:30:00Z`), the shape Jump's examples use. */
export function formatTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * The calendar date in the UK at an instant. Jump serves UK practices, so "today" for a date of
 * birth is the London date, which runs an hour ahead of UTC in summer.
 */
export function londonDate(at: Date): string {
  return londonDateFormat.format(at);
}

const HOUR_MS = 3_600_000;
// Since 1996 British Summer Time has run from 01:00 UTC on the last Sunday in March to 01:00 UTC on
// the last Sunday in October. Arithmetic is used from then on because the data generator converts
// thousands of times and Intl is slow; earlier instants ask Intl.
const FIRST_RULE_YEAR = 1996;

const londonClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface WallClock {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM:SS`. */
  time: string;
}

/** The date and time a London clock shows at an instant (GMT in winter, BST in summer). */
export function londonWallClock(ms: number): WallClock {
  const local = new Date(Math.floor(ms / 1000) * 1000 + londonOffset(ms)).toISOString();

  return { date: local.slice(0, 10), time: local.slice(11, 19) };
}

/**
 * The instant a London clock reads `minutes` past midnight on the date starting at `dateMs` (UTC
 * midnight, as `parseCalendarDate` gives). A time the spring change skips lands an hour later; a
 * time the autumn change repeats is taken the second time, in GMT.
 */
export function londonInstant(dateMs: number, minutes: number): number {
  const wall = dateMs + minutes * 60_000;
  const guess = wall - londonOffset(wall);

  return wall - londonOffset(guess);
}

/** What a London clock reading names on a given date. */
export type LondonTime =
  | { kind: 'exact'; instant: number }
  /** The hour the spring change skips: the clock never shows it. */
  | { kind: 'skipped' }
  /** The hour the autumn change repeats: first in BST, then in GMT. */
  | { kind: 'repeated'; instants: readonly [number, number] };

/**
 * Every instant at which a London clock reads `minutes` past midnight on the date starting at
 * `dateMs`. Unlike `londonInstant`, it does not pick one when the reading is skipped or repeated,
 * so a caller can refuse a time that names no instant, or two. Only the GMT and BST offsets are
 * tried, which is all London has used since 1972.
 */
export function resolveLondonTime(dateMs: number, minutes: number): LondonTime {
  const wall = dateMs + minutes * 60_000;
  const [summer, winter] = [wall - HOUR_MS, wall];
  const inSummer = londonOffset(summer) === HOUR_MS;
  const inWinter = londonOffset(winter) === 0;
  if (inSummer && inWinter) return { kind: 'repeated', instants: [summer, winter] };

  if (inSummer) return { kind: 'exact', instant: summer };

  return inWinter ? { kind: 'exact', instant: winter } : { kind: 'skipped' };
}

/** How far London runs ahead of UTC at an instant, in milliseconds (0 or one hour). */
function londonOffset(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  if (year < FIRST_RULE_YEAR) return intlLondonOffset(ms);

  return ms >= lastSundayChange(year, 2) && ms < lastSundayChange(year, 9) ? HOUR_MS : 0;
}

/** 01:00 UTC on the last Sunday of a month (0-based). */
function lastSundayChange(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);

  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}

function intlLondonOffset(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const parts = londonClockFormat.formatToParts(new Date(whole));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );

  return wall - whole;
}
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * An ISO 8601 instant with an explicit zone (`2026-01-20T14:00:00Z`, `…T14:00+01:00`), in
 * milliseconds; undefined for anything else, a date without a time or zone included.
 */
export function parseInstant(text: string): number | undefined {
  const match = INSTANT.exec(text);
  if (!match || parseCalendarDate(match[1] ?? '') === undefined) return undefined;

  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

  return Number.isNaN(ms) ? undefined : ms;
}
