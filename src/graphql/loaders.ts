import DataLoader from 'dataloader';
import type { Resource } from '../upstream/jump-routes.js';
import type { JumpSession } from '../upstream/jump-session.js';
import { fetchByIds } from './batch-fetch.js';
import type { BatchOptions } from './batch-fetch.js';
import type { JumpRecord } from './records.js';

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

  constructor(
    private readonly jump: JumpSession,
    private readonly batch: BatchOptions,
  ) {}

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
    // Read without creating: most operations list nothing, and these maps are per request.
    const pending = this.#pendingLists.get(resource);
    if (pending && pending.size > 0) {
      await Promise.allSettled([...pending]);
    }
    const listed = this.#listed.get(resource);
    const unknown = listed ? ids.filter((id) => !listed.has(id)) : ids;
    const fetched = await fetchByIds(this.jump, resource, unknown, this.batch);

    return ids.map((id) => listed?.get(id) ?? fetched.get(id) ?? new Error(`No answer for ${id}`));
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
