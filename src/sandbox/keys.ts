/** The OLDER scope list (jump-api.md §2.1), in the order the documentation gives it. */
export const SCOPES = [
  'read_patients',
  'write_patients',
  'read_consultations',
  'write_consultations',
  'read_problems',
  'write_problems',
  'read_appointments',
  'write_appointments',
  'read_documents',
  'write_documents',
  'read_prescriptions',
  'write_prescriptions',
  'read_appointment_types',
  'read_clinicians',
  'read_locations',
  'read_availability',
  'write_holds',
] as const;

export type Scope = (typeof SCOPES)[number];

/** The scopes a booking ("marketplace") integration is given. */
export const MARKETPLACE_SCOPES = [
  'read_appointment_types',
  'read_clinicians',
  'read_locations',
  'read_availability',
  'write_holds',
] as const satisfies readonly Scope[];

/** An API key the sandbox accepts, keyed by its full token in `SANDBOX_KEYS`. */
export interface SandboxKey {
  /** Scope names granted to the key; names the sandbox does not know are kept and ignored. */
  scopes: readonly string[];
  /** A revoked key is answered with 401 `API key has been revoked`. */
  revoked?: boolean;
  /** What the key is for; never sent over the wire. */
  label?: string;
}

const READ_SCOPES = SCOPES.filter((scope) => scope.startsWith('read_'));

/** The keys every sandbox accepts unless `SandboxOptions.keys` overrides one by name. */
export const SANDBOX_KEYS: Readonly<Record<string, SandboxKey>> = Object.freeze({
  pk_test_sandbox_full: { scopes: SCOPES, label: 'every scope' },
  pk_test_sandbox_readonly: { scopes: READ_SCOPES, label: 'every read_* scope' },
  pk_test_sandbox_marketplace: { scopes: MARKETPLACE_SCOPES, label: 'marketplace scopes' },
  pk_test_sandbox_booking: {
    scopes: [...MARKETPLACE_SCOPES, 'read_patients', 'write_patients'],
    label: 'booking widget: marketplace scopes plus patients',
  },
  pk_test_sandbox_noscope: { scopes: [], label: 'no scopes' },
  pk_test_sandbox_revoked: { scopes: SCOPES, revoked: true, label: 'revoked' },
});
