import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  londonInstant,
  londonWallClock,
  parseCalendarDate,
  parseInstant,
  resolveLondonTime,
} from '../../src/sandbox/calendar.js';
import { isBankHoliday, isWorkingDay } from '../../src/sandbox/data/working-days.js';

const intlLondon = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const day = (date: string) => parseCalendarDate(date) ?? Number.NaN;

describe('London time', () => {
  it('agrees with Intl every seven hours from 1996 to 2037, change days included', () => {
    const step = 7 * 3_600_000;
    for (let ms = Date.UTC(1996, 0, 1); ms < Date.UTC(2037, 0, 1); ms += step) {
      const { date, time } = londonWallClock(ms);

      expect(`${date}, ${time}`).toBe(intlLondon.format(new Date(ms)));
    }
  });

  it('turns a London wall-clock time into the UTC instant, in GMT and in BST', () => {
    expect(formatTimestamp(londonInstant(day('2026-01-15'), 9 * 60))).toBe('2026-01-15T09:00:00Z');
    expect(formatTimestamp(londonInstant(day('2026-07-15'), 9 * 60))).toBe('2026-07-15T08:00:00Z');
    expect(formatTimestamp(londonInstant(day('2026-03-29'), 0))).toBe('2026-03-29T00:00:00Z');
    expect(formatTimestamp(londonInstant(day('2026-03-29'), 3 * 60))).toBe('2026-03-29T02:00:00Z');
  });

  it('moves a skipped spring time an hour on, and takes a repeated autumn time in GMT', () => {
    expect(formatTimestamp(londonInstant(day('2026-03-29'), 90))).toBe('2026-03-29T01:30:00Z');
    expect(formatTimestamp(londonInstant(day('2026-10-25'), 90))).toBe('2026-10-25T01:30:00Z');
  });
});

describe('resolveLondonTime', () => {
  const resolved = (date: string, time: string) => {
    const result = resolveLondonTime(
      day(date),
      Number(time.slice(0, 2)) * 60 + Number(time.slice(3)),
    );
    if (result.kind === 'exact') return formatTimestamp(result.instant);

    return result.kind === 'skipped' ? 'skipped' : result.instants.map(formatTimestamp);
  };

  it('names one instant on an ordinary day, in GMT and in BST', () => {
    expect(resolved('2027-01-12', '09:00')).toBe('2027-01-12T09:00:00Z');
    expect(resolved('2027-07-12', '09:00')).toBe('2027-07-12T08:00:00Z');
    expect(resolved('2027-07-12', '00:30')).toBe('2027-07-11T23:30:00Z');
  });

  it('names none for the hour the spring change skips on 28 March 2027', () => {
    expect(resolved('2027-03-28', '00:59')).toBe('2027-03-28T00:59:00Z');
    expect(resolved('2027-03-28', '01:00')).toBe('skipped');
    expect(resolved('2027-03-28', '01:30')).toBe('skipped');
    expect(resolved('2027-03-28', '01:59')).toBe('skipped');
    expect(resolved('2027-03-28', '02:00')).toBe('2027-03-28T01:00:00Z');
  });

  it('names both, BST first, for the hour the autumn change repeats on 31 October 2027', () => {
    expect(resolved('2027-10-31', '00:59')).toBe('2027-10-30T23:59:00Z');
    expect(resolved('2027-10-31', '01:00')).toEqual([
      '2027-10-31T00:00:00Z',
      '2027-10-31T01:00:00Z',
    ]);
    expect(resolved('2027-10-31', '01:30')).toEqual([
      '2027-10-31T00:30:00Z',
      '2027-10-31T01:30:00Z',
    ]);
    expect(resolved('2027-10-31', '02:00')).toBe('2027-10-31T02:00:00Z');
  });

  it('agrees with the London clock at every minute of both change days', () => {
    for (const date of ['2027-03-28', '2027-10-31']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 1) {
        const result = resolveLondonTime(day(date), minutes);
        const instants =
          result.kind === 'exact'
            ? [result.instant]
            : result.kind === 'repeated'
              ? result.instants
              : [];
        for (const instant of instants) {
          const { date: shown, time } = londonWallClock(instant);
          const expected = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

          expect(`${shown} ${time}`).toBe(`${date} ${expected}`);
        }
      }
    }
  });
});

describe('England and Wales bank holidays', () => {
  // As gov.uk publishes them, substitute days included.
  const PUBLISHED: Record<string, string> = {
    2024: '01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26',
    2025: '01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26',
    2026: '01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28',
    2027: '01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28',
    2028: '01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26',
  };

  it('follow the standing rules, which give the published dates for 2024 to 2028', () => {
    const found: string[] = [];
    for (let ms = day('2024-01-01'); ms <= day('2028-12-31'); ms += 86_400_000) {
      if (isBankHoliday(ms)) found.push(new Date(ms).toISOString().slice(0, 10));
    }

    expect(found).toEqual(
      Object.entries(PUBLISHED).flatMap(([year, dates]) =>
        dates.split(' ').map((date) => `${year}-${date}`),
      ),
    );
  });

  it('are not working days, and neither are weekends', () => {
    expect(isWorkingDay(day('2027-03-25'))).toBe(true);
    expect(isWorkingDay(day('2027-03-26'))).toBe(false);
    expect(isWorkingDay(day('2027-03-27'))).toBe(false);
    expect(isWorkingDay(day('2027-03-28'))).toBe(false);
    expect(isWorkingDay(day('2027-03-29'))).toBe(false);
    expect(isWorkingDay(day('2027-03-30'))).toBe(true);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-01-20T14:00:00Z', '2026-01-20T14:00:00Z'],
    ['2026-01-20T14:00Z', '2026-01-20T14:00:00Z'],
    ['2026-07-01T09:00:00+01:00', '2026-07-01T08:00:00Z'],
    ['2026-07-01T09:00:00+0100', '2026-07-01T08:00:00Z'],
    ['2026-07-01T09:00:00.999-05:30', '2026-07-01T14:30:00Z'],
  ])('reads %s', (text, expected) => {
    expect(formatTimestamp(parseInstant(text) ?? Number.NaN)).toBe(expected);
  });

  it.each([
    '2026-01-20',
    '2026-01-20T14:00:00',
    '2026-01-20 14:00:00Z',
    '2026-02-30T14:00:00Z',
    '2026-01-20T24:00:00Z',
    '2026-01-20T14:00:00+25:00',
    'tomorrow',
  ])('refuses %s', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});
