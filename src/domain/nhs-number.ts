/** Removes the spaces Jump's OLDER generation puts in NHS numbers (`943 476 5919`). */
export function compactNhsNumber(value: string): string {
  return value.replace(/\s+/g, '');
}

/** The spaced 3-3-4 form (`943 476 5919`) of a ten-digit NHS number, spaced or not. */
export function formatNhsNumber(value: string): string {
  const digits = compactNhsNumber(value);

  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** True for ten digits, spaced or not, whose last digit is the check digit of the first nine. */
export function isValidNhsNumber(value: string): boolean {
  const digits = compactNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) {
    return false;
  }

  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/**
 * The modulus-11 check digit of nine digits: weights 10 down to 2, then 11 minus the remainder of
 * the sum by 11, where 11 reads as 0 and 10 means no valid NHS number starts with these digits.
 */
export function nhsCheckDigit(stem: string): number | undefined {
  let sum = 0;
  for (let index = 0; index < 9; index += 1) {
    sum += Number(stem[index]) * (10 - index);
  }
  const check = 11 - (sum % 11);
  if (check === 10) {
    return undefined;
  }

  return check === 11 ? 0 : check;
}
