import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  londonInstant,
  londonWallClock,
  parseCalendarDate,
  parseInstant,
} from '../../src/sandbox/calendar.js';

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
