import { randomUUID } from 'node:crypto';
import type {
  JumpCallEvent,
  JumpClient,
  JumpMethod,
  JumpQueryValue,
  JumpRateLimit,
  JumpResult,
} from './jump-client.js';
import { JumpError } from './jump-error.js';
import { SharedReadCache } from './shared-read-cache.js';

export interface JumpCall {
  route: string;
  params?: Record<string, string>;
  query?: Record<string, JumpQueryValue>;
}

export interface JumpSessionOptions {
  /** The caller's key; null when the request carried none, and then no call is ever made. */
  apiKey: string | null;
  /** Aborts every call when the client goes away. */
  signal?: AbortSignal;
  /** How long all of the operation's calls may take together, from the session's creation. */
  deadlineMs?: number;
  /** The facade's request id, sent upstream with every call. */
  correlationId?: string;
  /**
   * The client's `Idempotency-Key`: the operation's first create sends it as it is, later ones
   * `<key>#2`, `<key>#3`…, so a repeated operation repeats the same keys. Without one, every
   * create gets a fresh random key.
   */
  idempotencyKey?: string | null;
  /** Told about every call, for metrics. */
  onCall?: (event: JumpCallEvent) => void;
  /** Keys Jump has lately accepted, shared by every session. @default none (never waits) */
  acceptedKeys?: SharedReadCache<true>;
  /** Calls one operation may make. @default unlimited */
  maxCalls?: number;
  /** Shared, per-key cache for the routes in `cacheableRoutes`. */
  sharedCache?: SharedReadCache;
  cacheableRoutes?: ReadonlySet<string>;
}

/** One operation asked for more upstream calls than it may make. */
export class CallBudgetExceeded extends Error {
  override readonly name = 'CallBudgetExceeded';

  constructor(readonly budget: number) {
    super(`This operation needs more than ${budget} calls to Jump; ask for less in one request`);
  }
}

/**
 * One GraphQL operation's view of Jump: the caller's key bound in, identical reads made once, and
 * a running count of calls and the latest quota headers. Created per request and never shared, so
 * nothing it remembers can reach another caller.
 */
export class JumpSession {
  calls = 0;
  cacheHits = 0;
  rateLimit: JumpRateLimit | null = null;
  readonly #reads = new Map<string, Promise<JumpResult>>();
  #identity: string | null = null;
  #creates = 0;
  /** Jump's 401 to this key, once seen: every later call of the operation would get it too. */
  #refused: JumpError | null = null;
  /** Settles when the first call for a key Jump has not answered lately is over. */
  #firstAnswer: Promise<void> | null = null;
  #answered = false;
  readonly #deadline: number | undefined;

  constructor(
    private readonly client: JumpClient,
    private readonly options: JumpSessionOptions,
  ) {
    this.#deadline =
      options.deadlineMs === undefined ? undefined : performance.now() + options.deadlineMs;
  }

  /** A GET, shared with any identical GET made earlier in the same operation. */
  read(call: JumpCall): Promise<JumpResult> {
    const key = JSON.stringify([call.route, call.params ?? {}, call.query ?? {}]);
    const cached = this.#reads.get(key);
    if (cached) {
      return cached;
    }

    const pending = this.#shareable(call) ? this.#readShared(key, call) : this.#send('GET', call);
    this.#reads.set(key, pending);

    return pending;
  }

  /** A SHA-256 hash of the caller's key, for anything remembered per key; never the key. */
  get keyIdentity(): string {
    this.#identity ??= SharedReadCache.keyIdentity(this.options.apiKey ?? '');

    return this.#identity;
  }

  #shareable(call: JumpCall): boolean {
    const { sharedCache, cacheableRoutes, apiKey } = this.options;

    return Boolean(sharedCache && apiKey && cacheableRoutes?.has(call.route));
  }

  async #readShared(key: string, call: JumpCall): Promise<JumpResult> {
    const cache = this.options.sharedCache as SharedReadCache;
    const sharedKey = `${this.keyIdentity}:${key}`;
    const cached = cache.get(sharedKey);
    if (cached) {
      this.cacheHits += 1;

      return cached;
    }

    const result = await this.#send('GET', call);
    if (isWellFormed(result.data)) {
      cache.set(sharedKey, result);
    }

    return result;
  }

  /**
   * A write; earlier reads are forgotten so the rest of the operation sees its effect. Every POST
   * carries an `Idempotency-Key`.
   */
  async write(method: Exclude<JumpMethod, 'GET'>, call: JumpCall, body?: unknown) {
    this.#reads.clear();

    return this.#send(
      method,
      call,
      body,
      method === 'POST' ? this.#nextIdempotencyKey() : undefined,
    );
  }

  #nextIdempotencyKey(): string {
    this.#creates += 1;
    const given = this.options.idempotencyKey;
    if (!given) {
      return randomUUID();
    }

    return this.#creates === 1 ? given : `${given}#${this.#creates}`;
  }

  #send(
    method: JumpMethod,
    call: JumpCall,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<JumpResult> {
    const { apiKey, acceptedKeys, maxCalls = Number.POSITIVE_INFINITY } = this.options;
    if (apiKey === null) {
      // Scoped fields authenticate before resolving, so reaching this is a wiring fault.
      return Promise.reject(new Error('Refusing an upstream call without an API key'));
    }
    if (this.#refused) {
      return Promise.reject(this.#refused);
    }
    const known = !acceptedKeys || acceptedKeys.has(this.keyIdentity);
    if (!known && this.#firstAnswer && !this.#answered) {
      return this.#firstAnswer.then(() => this.#send(method, call, body, idempotencyKey));
    }
    if (this.calls >= maxCalls) {
      return Promise.reject(new CallBudgetExceeded(maxCalls));
    }
    this.calls += 1;

    const sent = this.#dispatch(apiKey, method, call, body, idempotencyKey);
    if (!known && !this.#firstAnswer) {
      // Until Jump has answered this key once, the operation's other calls wait for that answer.
      const settle = () => {
        this.#answered = true;
      };
      this.#firstAnswer = sent.then(settle, settle);
    }

    return sent;
  }

  /** Jump answered this key with something other than 401; renewed only once it has lapsed. */
  #accepted(): void {
    const { acceptedKeys } = this.options;
    if (acceptedKeys && !acceptedKeys.has(this.keyIdentity)) {
      acceptedKeys.set(this.keyIdentity, true);
    }
  }

  async #dispatch(
    apiKey: string,
    method: JumpMethod,
    call: JumpCall,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<JumpResult> {
    const { signal, onCall, acceptedKeys } = this.options;
    const request = {
      method,
      ...call,
      body,
      apiKey,
      signal,
      deadline: this.#deadline,
      idempotencyKey,
      correlationId: this.options.correlationId,
    };
    try {
      const result = await this.client.request(request, (event) => {
        if (event.rateLimit) {
          this.rateLimit = event.rateLimit;
        }
        // A key Jump no longer accepts, or no longer lets read, must not keep reading what was
        // cached for it.
        if (event.status === 401 || event.status === 403) {
          this.options.sharedCache?.evict(`${this.keyIdentity}:`);
        }
        onCall?.(event);
      });
      this.#accepted();

      return result;
    } catch (error) {
      if (error instanceof JumpError && error.status === 401) {
        this.#refused = error;
        acceptedKeys?.delete(this.keyIdentity);
      } else if (error instanceof JumpError && error.kind === 'http') {
        this.#accepted();
      }

      throw error;
    }
  }
}

/** Only answers that are objects or lists of objects are worth sharing; anything else fails later. */
function isWellFormed(data: unknown): boolean {
  const isObject = (value: unknown) => typeof value === 'object' && value !== null;

  return Array.isArray(data) ? data.every(isObject) : isObject(data);
}
