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
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The calendar date in the UK at an instant. Jump serves UK practices, so "today" for a date of
 * birth is the London date, which runs an hour ahead of UTC in summer.
 */
export function londonDate(at: Date): string {
  return londonDateFormat.format(at);
}
