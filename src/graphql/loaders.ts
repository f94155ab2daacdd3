import DataLoader from 'dataloader';
import type { JumpSession } from '../upstream/jump-session.js';
import { asRecord } from './records.js';
import type { JumpRecord } from './records.js';

export type RecordLoader = DataLoader<string, JumpRecord>;

/** One DataLoader per resource that is fetched by id. */
export interface Loaders {
  patient: RecordLoader;
  consultation: RecordLoader;
}

/**
 * Builds the request's loaders. Each batches the ids asked for in one tick and caches them for the
 * rest of the operation; lists prime them, so an object already listed is never fetched again.
 */
export function createLoaders(jump: JumpSession): Loaders {
  return {
    patient: recordLoader(jump, '/patients/{id}'),
    consultation: recordLoader(jump, '/consultations/{id}'),
  };
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
