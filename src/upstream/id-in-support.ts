/**
 * What the facade has learnt about Jump's `id_in` list filter (NEWER documentation). The live API
 * may ignore a filter it does not know and answer an unfiltered page, so a route that did so is
 * not asked again for a while. Remembered per key (by its hash), so one caller's odd ids cannot
 * switch batching off for anyone else.
 */
export class IdInSupport {
  readonly #unsupportedUntil = new Map<string, number>();

  constructor(
    private readonly retryAfterMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  usable(route: string, keyIdentity: string): boolean {
    const until = this.#unsupportedUntil.get(`${keyIdentity}:${route}`);

    return until === undefined || until <= this.now();
  }

  markUnsupported(route: string, keyIdentity: string): void {
    if (this.#unsupportedUntil.size >= 10_000) {
      this.#unsupportedUntil.clear();
    }
    this.#unsupportedUntil.set(`${keyIdentity}:${route}`, this.now() + this.retryAfterMs);
  }
}
