import DataLoader from 'dataloader';
import type { JumpSession } from '../upstream/jump-session.js';
import { asRecord } from './records.js';
import type { JumpRecord } from './records.js';

export type RecordLoader = DataLoader<string, JumpRecord>;

/** Jump's item route for each resource the graph fetches by id. */
export const ITEM_ROUTES = {
  patient: '/patients/{id}',
  consultation: '/consultations/{id}',
  problem: '/problems/{id}',
  appointment: '/appointments/{id}',
  document: '/documents/{id}',
  prescription: '/prescriptions/{id}',
  clinician: '/clinicians/{id}',
  location: '/locations/{id}',
  appointmentType: '/appointment-types/{id}',
} as const;

export type Resource = keyof typeof ITEM_ROUTES;

/** One DataLoader per resource that is fetched by id. */
export type Loaders = Record<Resource, RecordLoader>;

/**
 * Builds the request's loaders. Each batches the ids asked for in one tick and caches them for the
 * rest of the operation; lists prime them, so an object already listed is never fetched again.
 */
export function createLoaders(jump: JumpSession): Loaders {
  const entries = Object.entries(ITEM_ROUTES).map(([resource, route]) => [
    resource,
    recordLoader(jump, route),
  ]);

  return Object.fromEntries(entries) as Loaders;
}

function recordLoader(jump: JumpSession, route: string): RecordLoader {
  return new DataLoader<string, JumpRecord>((ids) =>
    Promise.all(
      ids.map((id) =>
        jump.read({ route, params: { id } }).then(asRecord, (error: unknown) => toError(error)),
      ),
    ),
  );
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
