import type { BearerKey } from '../auth/api-key.js';
import type { JumpSession } from '../upstream/jump-session.js';
import type { EnumDrift } from './enum-drift.js';
import type { Loaders } from './loaders.js';

/** Per-request state. Everything that can hold a caller's data lives here and dies with it. */
export interface Context {
  /** Our id for this request, also in the `X-Request-Id` response header and the logs. */
  requestId: string;
  /** The caller's Jump key, or why there is none. */
  auth: BearerKey;
  /** Upstream access bound to the caller's key, deduplicating identical reads. */
  jump: JumpSession;
  /** Per-request DataLoaders for objects by id. */
  loaders: Loaders;
  /** Server-wide reader for enum values that may drift upstream. */
  enumDrift: EnumDrift;
  /** The IANA zone of local times when a location does not name its own. */
  practiceTimeZone: string;
}
