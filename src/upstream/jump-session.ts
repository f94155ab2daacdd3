import type {
  JumpCallEvent,
  JumpClient,
  JumpMethod,
  JumpQueryValue,
  JumpRateLimit,
  JumpResult,
} from './jump-client.js';

export interface JumpCall {
  route: string;
  params?: Record<string, string>;
  query?: Record<string, JumpQueryValue>;
}

/**
 * One GraphQL operation's view of Jump: the caller's key bound in, identical reads made once, and
 * a running count of calls and the latest quota headers. Created per request and never shared, so
 * nothing it remembers can reach another caller.
 */
export class JumpSession {
  calls = 0;
  rateLimit: JumpRateLimit | null = null;
  readonly #reads = new Map<string, Promise<JumpResult>>();

  constructor(
    private readonly client: JumpClient,
    private readonly apiKey: string | null,
    private readonly signal?: AbortSignal,
    private readonly onCall?: (event: JumpCallEvent) => void,
  ) {}

  /** A GET, shared with any identical GET made earlier in the same operation. */
  read(call: JumpCall): Promise<JumpResult> {
    const key = JSON.stringify([call.route, call.params ?? {}, call.query ?? {}]);
    const cached = this.#reads.get(key);
    if (cached) {
      return cached;
    }

    const pending = this.#send('GET', call);
    this.#reads.set(key, pending);

    return pending;
  }

  /** A write; earlier reads are forgotten so the rest of the operation sees its effect. */
  async write(method: Exclude<JumpMethod, 'GET'>, call: JumpCall, body?: unknown) {
    this.#reads.clear();

    return this.#send(method, call, body);
  }

  #send(method: JumpMethod, call: JumpCall, body?: unknown): Promise<JumpResult> {
    if (this.apiKey === null) {
      // Scoped fields authenticate before resolving, so reaching this is a wiring fault.
      return Promise.reject(new Error('Refusing an upstream call without an API key'));
    }
    this.calls += 1;

    return this.client.request(
      { method, ...call, body, apiKey: this.apiKey, signal: this.signal },
      (event) => {
        if (event.rateLimit) {
          this.rateLimit = event.rateLimit;
        }
        this.onCall?.(event);
      },
    );
  }
}
