import { describe, expect, it } from 'vitest';
import { formatNhsNumber, isValidNhsNumber } from '../../src/domain/nhs-number.js';

describe('isValidNhsNumber', () => {
  it('accepts a number whose last digit is its modulus 11 check digit, spaced or not', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
  });

  it('accepts a check digit of 0 where 11 − (sum mod 11) is 11', () => {
    // 9,9,9,0,0,0,0,0,1 weighted 10..2 sums to 245 = 22 × 11 + 3, so the check digit is 8;
    // 9,9,9,0,0,0,0,0,5 sums to 253 = 23 × 11, so the check digit is 0.
    expect(isValidNhsNumber('9990000018')).toBe(true);
    expect(isValidNhsNumber('9990000050')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
  });

  it('rejects numbers whose check digit would be 10', () => {
    // 9,9,9,0,0,0,0,0,0 sums to 243 = 22 × 11 + 1, so 11 − 1 = 10: no valid number has this stem.
    for (let last = 0; last <= 9; last += 1)
      expect(isValidNhsNumber(`999000000${last}`)).toBe(false);
  });

  it('rejects wrong lengths, letters and other separators', () => {
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('943-476-5919')).toBe(false);
    expect(isValidNhsNumber('94347659I9')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });
});

describe('formatNhsNumber', () => {
  it('spaces a number 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943 4765919')).toBe('943 476 5919');
  });
});
