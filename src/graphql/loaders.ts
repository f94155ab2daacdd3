import DataLoader from 'dataloader';
import type { JumpSession } from '../upstream/jump-session.js';
import { asRecord } from './records.js';
import type { JumpRecord } from './records.js';

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

/**
 * The request's objects by id: one DataLoader per resource, batching the ids asked for in one tick
 * and caching them for the rest of the operation. Lists share what they return: an object already
 * listed is never fetched again, and a load that arrives while a list of the same resource is in
 * flight waits for it rather than racing it with a call of its own.
 */
export class Loaders {
  readonly #loaders = new Map<Resource, DataLoader<string, JumpRecord>>();
  readonly #listed = new Map<Resource, Map<string, JumpRecord>>();
  readonly #pendingLists = new Map<Resource, Set<Promise<unknown>>>();

  constructor(private readonly jump: JumpSession) {}

  load(resource: Resource, id: string): Promise<JumpRecord> {
    return this.#loader(resource).load(id);
  }

  /** Records what a write returned, replacing any earlier copy. */
  prime(resource: Resource, record: JumpRecord): void {
    this.#loader(resource).clear(record.id).prime(record.id, record);
    this.#listedOf(resource).set(record.id, record);
  }

  /** Runs a list read of `resource`, sharing the records it returns with loads by id. */
  async list<T extends { records: JumpRecord[] }>(resource: Resource, read: () => Promise<T>) {
    const pending = this.#pendingOf(resource);
    const running = read();
    pending.add(running);
    try {
      const page = await running;
      for (const record of page.records) {
        this.#loader(resource).prime(record.id, record);
        this.#listedOf(resource).set(record.id, record);
      }

      return page;
    } finally {
      pending.delete(running);
    }
  }

  #loader(resource: Resource): DataLoader<string, JumpRecord> {
    let loader = this.#loaders.get(resource);
    if (!loader) {
      loader = new DataLoader((ids) => this.#batch(resource, ids));
      this.#loaders.set(resource, loader);
    }

    return loader;
  }

  async #batch(resource: Resource, ids: readonly string[]): Promise<Array<JumpRecord | Error>> {
    const pending = this.#pendingOf(resource);
    if (pending.size > 0) {
      await Promise.allSettled([...pending]);
    }
    const listed = this.#listedOf(resource);

    return Promise.all(
      ids.map((id) => {
        const known = listed.get(id);

        return known
          ? known
          : this.jump
              .read({ route: ITEM_ROUTES[resource], params: { id } })
              .then(asRecord, (error: unknown) => toError(error));
      }),
    );
  }

  #listedOf(resource: Resource): Map<string, JumpRecord> {
    let listed = this.#listed.get(resource);
    if (!listed) {
      listed = new Map();
      this.#listed.set(resource, listed);
    }

    return listed;
  }

  #pendingOf(resource: Resource): Set<Promise<unknown>> {
    let pending = this.#pendingLists.get(resource);
    if (!pending) {
      pending = new Set();
      this.#pendingLists.set(resource, pending);
    }

    return pending;
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
