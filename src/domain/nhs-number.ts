/** Removes the spaces Jump's OLDER generation puts in NHS numbers (`943 476 5919`). */
export function compactNhsNumber(value: string): string {
  return value.replace(/\s+/g, '');
}

/**
 * True for a ten-digit NHS number whose last digit is its modulus-11 check digit: the first nine
 * digits are weighted 10 down to 2, and 11 minus the remainder of their sum by 11 is the check
 * (11 reads as 0; 10 means no valid number has those nine digits).
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = compactNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) {
    return false;
  }

  let sum = 0;
  for (let index = 0; index < 9; index += 1) {
    sum += Number(digits[index]) * (10 - index);
  }
  const check = 11 - (sum % 11);

  return check !== 10 && (check === 11 ? 0 : check) === Number(digits[9]);
}
