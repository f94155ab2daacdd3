import { createHash } from 'node:crypto';
import type { JumpResult } from './jump-client.js';

export interface SharedReadCacheOptions {
  /** How long an answer is reused. */
  ttlMs: number;
  /** Entries kept at most; the least recently used go first. */
  maxEntries: number;
  now?: () => number;
}

/**
 * A short-lived cache shared across requests, for what changes rarely: the booking catalogue's
 * reads, persisted query documents. Every entry is keyed by a SHA-256 hash of the caller's key, so
 * what one caller put in is only ever reused for the same key, and the key itself is never held.
 */
export class SharedReadCache<T = JumpResult> {
  readonly #entries = new Map<string, { result: T; expires: number }>();
  readonly #now: () => number;

  constructor(private readonly options: SharedReadCacheOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** The identity under which one key's answers are stored. */
  static keyIdentity(apiKey: string): string {
    return createHash('sha256').update(apiKey).digest('base64url');
  }

  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.#entries.delete(key);
    if (entry.expires <= this.#now()) {
      return undefined;
    }
    this.#entries.set(key, entry);

    return entry.result;
  }

  set(key: string, result: T): void {
    if (this.options.ttlMs <= 0) {
      return;
    }
    this.#entries.delete(key);
    this.#entries.set(key, { result, expires: this.#now() + this.options.ttlMs });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Drops every entry whose key starts with `prefix` (one key's answers). */
  evict(prefix: string): void {
    for (const key of this.#entries.keys()) {
      if (key.startsWith(prefix)) {
        this.#entries.delete(key);
      }
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}
