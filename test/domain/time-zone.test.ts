import { describe, expect, it } from 'vitest';
import { isAmbiguousLocalTime, isTimeZone, toLocalTime } from '../../src/domain/time-zone.js';

const LONDON = 'Europe/London';
const local = (iso: string) => toLocalTime(new Date(iso), LONDON);

describe('London wall-clock time', () => {
  it('is UTC in winter and UTC+1 in summer', () => {
    expect(local('2027-01-12T09:00:00Z')).toEqual({ date: '2027-01-12', time: '09:00' });
    expect(local('2027-07-12T08:00:00Z')).toEqual({ date: '2027-07-12', time: '09:00' });
  });

  it('moves forward at 01:00 UTC on the last Sunday of March', () => {
    expect(local('2027-03-28T00:59:00Z')).toEqual({ date: '2027-03-28', time: '00:59' });
    expect(local('2027-03-28T01:00:00Z')).toEqual({ date: '2027-03-28', time: '02:00' });
    expect(local('2027-03-29T08:30:00Z')).toEqual({ date: '2027-03-29', time: '09:30' });
  });

  it('moves back at 01:00 UTC on the last Sunday of October, repeating an hour', () => {
    expect(local('2027-10-31T00:30:00Z')).toEqual({ date: '2027-10-31', time: '01:30' });
    expect(local('2027-10-31T01:30:00Z')).toEqual({ date: '2027-10-31', time: '01:30' });
    expect(local('2027-11-01T09:00:00Z')).toEqual({ date: '2027-11-01', time: '09:00' });
  });

  it('crosses midnight into the next local date in summer', () => {
    expect(local('2027-06-30T23:30:00Z')).toEqual({ date: '2027-07-01', time: '00:30' });
  });

  it('flags only the repeated hour as ambiguous', () => {
    expect(isAmbiguousLocalTime(new Date('2027-10-31T00:30:00Z'), LONDON)).toBe(true);
    expect(isAmbiguousLocalTime(new Date('2027-10-31T01:30:00Z'), LONDON)).toBe(true);
    expect(isAmbiguousLocalTime(new Date('2027-10-31T02:30:00Z'), LONDON)).toBe(false);
    expect(isAmbiguousLocalTime(new Date('2027-03-28T01:30:00Z'), LONDON)).toBe(false);
    expect(isAmbiguousLocalTime(new Date('2027-07-12T08:00:00Z'), LONDON)).toBe(false);
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
