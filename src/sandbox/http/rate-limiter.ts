const HOUR_MS = 3_600_000;

/** What `X-RateLimit-Limit` and `X-RateLimit-Remaining` say on a response. */
export interface RateLimitHeaders {
  limit: number;
  remaining: number;
}

/** The quota shown when counting is on but refusing is off (`rateLimitPerHour: null`). */
export const UNENFORCED_LIMIT = 1000;

/**
 * A fixed hourly window per key that resets at the top of each hour, as the NEWER docs and the
 * help centre describe (the OLDER rolling window is not modelled).
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #enforced: boolean;
  readonly #windows = new Map<string, { hour: number; count: number }>();

  constructor(limitPerHour: number | null) {
    this.#limit = limitPerHour ?? UNENFORCED_LIMIT;
    this.#enforced = limitPerHour !== null;
  }

  /** The headers for a request that was not counted (it never got past authentication). */
  uncounted(): RateLimitHeaders {
    return { limit: this.#limit, remaining: this.#limit };
  }

  /** Counts one request for `token`; `exceeded` means it must be refused with 429. */
  consume(token: string, at: Date): RateLimitHeaders & { exceeded: boolean } {
    const hour = Math.floor(at.getTime() / HOUR_MS);
    const current = this.#windows.get(token);
    const window = current?.hour === hour ? current : { hour, count: 0 };
    window.count += 1;
    this.#windows.set(token, window);

    return {
      limit: this.#limit,
      remaining: Math.max(0, this.#limit - window.count),
      exceeded: this.#enforced && window.count > this.#limit,
    };
  }
}
