/**
 * What the facade has learnt about Jump's `id_in` list filter (NEWER documentation). The live API
 * may ignore a filter it does not know and answer an unfiltered page, so a route that did so is
 * not asked again for a while. Shared by the whole server: it remembers routes, never caller data.
 */
export class IdInSupport {
  readonly #unsupportedUntil = new Map<string, number>();

  constructor(
    private readonly retryAfterMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  usable(route: string): boolean {
    const until = this.#unsupportedUntil.get(route);

    return until === undefined || until <= this.now();
  }

  markUnsupported(route: string): void {
    this.#unsupportedUntil.set(route, this.now() + this.retryAfterMs);
  }
}
