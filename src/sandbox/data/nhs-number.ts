import { formatNhsNumber, nhsCheckDigit } from '../../domain/nhs-number.js';
import type { Random } from './random.js';

/**
 * A fresh number in the 999 range that NHS England reserves for testing, spaced 3-3-4, never one
 * already in `taken` (which it joins).
 */
export function generateTestNhsNumber(random: Random, taken: Set<string>): string {
  for (;;) {
    const stem = `999${String(random.int(0, 999_999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(stem);
    const number = formatNhsNumber(`${stem}${check}`);
    if (check !== undefined && !taken.has(number)) {
      taken.add(number);

      return number;
    }
  }
}
