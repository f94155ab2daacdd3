import { parseCalendarDate } from '../calendar.js';

// England and Wales bank holidays over the span the appointments cover, substitute days included.
const BANK_HOLIDAYS = new Set(
  [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ].map((date) => parseCalendarDate(date)),
);

/** Monday to Friday and not a bank holiday, for the day starting at `dayMs` (UTC midnight). */
export function isWorkingDay(dayMs: number): boolean {
  const weekday = new Date(dayMs).getUTCDay();

  return weekday !== 0 && weekday !== 6 && !BANK_HOLIDAYS.has(dayMs);
}
