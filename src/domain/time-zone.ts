/** Wall-clock time in a zone: what Jump's hold requests and people at the practice read. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, 24-hour */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }

  return format;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);

    return true;
  } catch {
    return false;
  }
}

/** The local date and time of an instant in `timeZone`, e.g. 08:00Z in July → 09:00 in London. */
export function toLocalTime(instant: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );

  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

const HOUR_MS = 3_600_000;

/**
 * True when the instant's local time occurs twice, in the hour the clocks go back. A local date
 * and `HH:MM` alone, which is all Jump's hold request takes, cannot say which of the two is meant.
 */
export function isAmbiguousLocalTime(instant: Date, timeZone: string): boolean {
  const local = toLocalTime(instant, timeZone);
  const same = (other: LocalTime) => other.date === local.date && other.time === local.time;

  return (
    same(toLocalTime(new Date(instant.getTime() - HOUR_MS), timeZone)) ||
    same(toLocalTime(new Date(instant.getTime() + HOUR_MS), timeZone))
  );
}
