import type { Hold, HoldStatus } from './records.js';

/** A hold lives 15 minutes from its creation (jump-api.md §3.11). */
export const HOLD_LIFETIME_MS = 15 * 60_000;

/** The hold's status at an instant: an active hold has expired once `expires_at` is reached. */
export function holdStatusAt(hold: Hold, at: number): HoldStatus {
  if (hold.status !== 'active') return hold.status;

  return at >= Date.parse(hold.expires_at) ? 'expired' : 'active';
}

/** The hold as the API shows it at an instant, its status computed rather than stored. */
export function holdAsOf(hold: Hold, at: number): Hold {
  const status = holdStatusAt(hold, at);

  return status === hold.status ? hold : { ...hold, status };
}

/** Whether the hold still keeps its slot from everyone else. */
export function isLiveHold(hold: Hold, at: number): boolean {
  return holdStatusAt(hold, at) === 'active';
}
