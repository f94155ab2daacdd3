/**
 * The `Idempotency-Key` a client may send with a mutation. Jump scopes a key to the caller's API
 * key and endpoint and keeps it for 24 hours; the facade derives one key per create from it (see
 * JumpSession) by adding `#<n>`, so a client key may not contain `#` (or a client's own key could
 * equal a derived one) and must leave room for the suffix within Jump's limits.
 */
const IDEMPOTENCY_KEY = /^[\x21\x22\x24-\x7e]{1,200}$/;

/** Why the header cannot be used, or null when it is absent or fine. */
export function idempotencyKeyProblem(value: string | null | undefined): string | null {
  if (value === null || value === undefined || IDEMPOTENCY_KEY.test(value)) {
    return null;
  }

  return 'Idempotency-Key must be 1 to 200 visible ASCII characters other than #, such as a UUID';
}

/** The header's value when usable; null when absent (creates then get random keys). */
export function readIdempotencyKey(value: string | null): string | null {
  return value !== null && idempotencyKeyProblem(value) === null ? value : null;
}
