// Outward code: area letters, district digit, optional digit or letter. Inward code: a digit and
// two letters that are never C, I, K, M, O or V.
const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[ABD-HJLNP-UW-Z]{2})$/;

/** A UK postcode upper-cased with one space before the inward code, or undefined. */
export function normaliseUkPostcode(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  const match = UK_POSTCODE.exec(compact);
  if (!match) return undefined;

  return `${match[1]} ${match[2]}`;
}
