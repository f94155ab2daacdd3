export interface AcceptedKeysOptions {
  /** How long a key Jump answered is trusted to be live. @default 300000 */
  ttlMs?: number;
  /** Keys remembered at most, oldest dropped first. @default 10000 */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Keys Jump has lately answered with anything but 401, by key hash. An operation whose key is not
 * here sends one call before any other and waits for its answer, so a made-up key costs Jump one
 * request rather than one per field. Refusals are not remembered across operations: a passing
 * fault in Jump must not lock a real key out.
 */
export class AcceptedKeys {
  readonly #expiries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: AcceptedKeysOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 300_000;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  has(identity: string): boolean {
    return (this.#expiries.get(identity) ?? 0) > this.#now();
  }

  add(identity: string): void {
    const now = this.#now();
    // Renewed only past half its life, so a busy key does not rewrite its entry on every call.
    if ((this.#expiries.get(identity) ?? 0) - now > this.#ttlMs / 2) {
      return;
    }

    this.#expiries.delete(identity);
    this.#expiries.set(identity, now + this.#ttlMs);
    if (this.#expiries.size > this.#maxEntries) {
      this.#expiries.delete(this.#expiries.keys().next().value as string);
    }
  }

  /** Forgets a key Jump has just refused. */
  delete(identity: string): void {
    this.#expiries.delete(identity);
  }
}
