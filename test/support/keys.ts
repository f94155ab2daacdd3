/** The sandbox's documented test keys, as the README lists them. */
export const KEYS = {
  full: 'pk_test_sandbox_full',
  readonly: 'pk_test_sandbox_readonly',
  marketplace: 'pk_test_sandbox_marketplace',
  booking: 'pk_test_sandbox_booking',
  noscope: 'pk_test_sandbox_noscope',
  revoked: 'pk_test_sandbox_revoked',
} as const;
