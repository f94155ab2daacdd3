import { Pool, errors as undiciErrors } from 'undici';
import type { Dispatcher } from 'undici';
import { parseEnvelope } from './envelope.js';
import type { JumpPage } from './envelope.js';
import { JumpError, asRequestId, parseJumpErrorBody, tryParseJson } from './jump-error.js';
import { encodePathSegment } from './jump-id.js';

export type JumpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
export type JumpQueryValue = string | number | boolean | null | undefined;

export interface JumpRequest {
  method: JumpMethod;
  /** Route template such as `/patients/{id}`; placeholders are filled from `params`, encoded. */
  route: string;
  params?: Record<string, string>;
  query?: Record<string, JumpQueryValue>;
  body?: unknown;
  /** The caller's key, sent unchanged as `Authorization: Bearer <key>`. */
  apiKey: string;
  signal?: AbortSignal;
  /**
   * When the whole operation must be over, on the `performance.now()` clock; retries included.
   * @default now + the client's `deadlineMs`
   */
  deadline?: number;
  /** Sent as `Idempotency-Key`, so Jump can tell a repeated create from a new one. */
  idempotencyKey?: string;
  /** The facade's own request id, sent as `X-Request-Id` so both sides' logs can be matched. */
  correlationId?: string;
}

export interface JumpRateLimit {
  limit: number;
  remaining: number;
}

export interface JumpResult {
  status: number;
  data: unknown;
  page: JumpPage | null;
  requestId: string | null;
  rateLimit: JumpRateLimit | null;
}

/** What one upstream call did, for counters, metrics and quota tracking. Never holds the key. */
export interface JumpCallEvent {
  method: JumpMethod;
  route: string;
  status: number | null;
  durationMs: number;
  requestId: string | null;
  rateLimit: JumpRateLimit | null;
  errorKind: JumpError['kind'] | null;
  /** The failure's code, e.g. `headers_timeout` or `cancelled` (the caller went away). */
  errorCode: string | null;
}

export interface JumpTimeouts {
  /** Opening a connection, TLS included. */
  connectMs: number;
  /** From the request being sent to the response's headers. */
  headersMs: number;
  /** The longest silence while the response body streams in. */
  bodyMs: number;
}

export interface JumpClientOptions {
  /** Base URL including Jump's path prefix, e.g. `https://app.usejump.co.uk/functions/v1/api-v1`. */
  baseUrl: string;
  timeouts: JumpTimeouts;
  /** Deadline for a call that brings none of its own, retries included. */
  deadlineMs: number;
  /** Sockets kept open to Jump. @default 64 */
  connections?: number;
  /** Idle time before a pooled socket is closed; keep it below Jump's own keep-alive. @default 4000 */
  keepAliveTimeoutMs?: number;
  /** Largest response body accepted. @default 5 MiB */
  maxResponseBytes?: number;
}

const USER_AGENT = 'jump-graphql-facade/0.1';
const DEADLINE_MESSAGE = 'The operation’s deadline passed before Jump answered';
const MAX_RETRIES = 2;
const RETRY_BASE_MS = 100;
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

function isRetryable(request: JumpRequest, error: unknown): boolean {
  if (request.method !== 'GET' || !(error instanceof JumpError) || request.signal?.aborted) {
    return false;
  }

  return (
    (error.kind === 'unavailable' && error.code !== 'cancelled') ||
    error.code === 'connect_timeout' ||
    RETRYABLE_STATUSES.has(error.status ?? 0)
  );
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The only module that talks to Jump: pooled keep-alive connections through undici, the caller's
 * key passed through, JSON both ways, and every outcome turned into a JumpResult or a JumpError.
 */
export class JumpClient {
  readonly #pool: Pool;
  readonly #basePath: string;
  readonly #timeouts: JumpTimeouts;
  readonly #deadlineMs: number;
  readonly #maxResponseBytes: number;

  constructor(options: JumpClientOptions) {
    const url = new URL(options.baseUrl);
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#timeouts = options.timeouts;
    this.#deadlineMs = options.deadlineMs;
    this.#maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
    this.#pool = new Pool(url.origin, {
      connections: options.connections ?? 64,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
      keepAliveTimeoutThreshold: 1_000,
      headersTimeout: options.timeouts.headersMs,
      bodyTimeout: options.timeouts.bodyMs,
      connect: { timeout: options.timeouts.connectMs },
    });
  }

  /**
   * Calls Jump. Reads (GET) that fail to connect, or get 502/503/504, are tried again up to twice
   * with jittered backoff while the deadline allows; writes are never retried, since the first
   * attempt may have reached Jump, and a 429 is never retried, to avoid a retry storm.
   */
  async request(
    request: JumpRequest,
    observe?: (event: JumpCallEvent) => void,
  ): Promise<JumpResult> {
    const deadline = request.deadline ?? performance.now() + this.#deadlineMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.#attempt(request, deadline, observe);
      } catch (error) {
        const delay = RETRY_BASE_MS * 2 ** attempt * (0.5 + Math.random() / 2);
        const timeLeft = deadline - performance.now();
        if (attempt >= MAX_RETRIES || !isRetryable(request, error) || delay >= timeLeft) {
          throw error;
        }
        await sleep(delay, request.signal);
      }
    }
  }

  async #attempt(
    request: JumpRequest,
    deadline: number,
    observe?: (event: JumpCallEvent) => void,
  ): Promise<JumpResult> {
    const started = performance.now();
    const report = (partial: Pick<JumpCallEvent, 'status' | 'requestId' | 'rateLimit'>) =>
      observe?.({
        method: request.method,
        route: request.route,
        durationMs: performance.now() - started,
        errorKind: null,
        errorCode: null,
        ...partial,
      });

    try {
      const result = await this.#send(request, deadline);
      report(result);

      return result;
    } catch (error) {
      if (error instanceof RangeError) {
        throw error;
      }
      const jumpError = forWrite(request.method, toJumpError(error, request.signal));
      observe?.({
        method: request.method,
        route: request.route,
        status: jumpError.status,
        durationMs: performance.now() - started,
        requestId: jumpError.requestId,
        rateLimit: jumpError.rateLimit,
        errorKind: jumpError.kind,
        errorCode: jumpError.code,
      });
      throw jumpError;
    }
  }

  /**
   * Whether Jump answers at all: any HTTP status (an unauthenticated call gets 401) counts, a
   * connection failure or timeout does not. Sends no key.
   */
  async ping(): Promise<boolean> {
    try {
      const response = await this.#pool.request({
        method: 'GET',
        path: `${this.#basePath}/patients?limit=1`,
        headers: { accept: 'application/json', 'user-agent': USER_AGENT },
        signal: AbortSignal.timeout(Math.min(this.#timeouts.headersMs, 5_000)),
      });
      await response.body.dump();

      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }

  async #send(request: JumpRequest, deadline: number): Promise<JumpResult> {
    const timeLeft = deadline - performance.now();
    if (timeLeft <= 0) {
      throw new DOMException(DEADLINE_MESSAGE, 'TimeoutError');
    }
    // One controller and one timer per call: cheaper than AbortSignal.timeout + AbortSignal.any,
    // whose signals linger in memory under load.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException(DEADLINE_MESSAGE, 'TimeoutError')),
      timeLeft,
    );
    const cancel = () => controller.abort(request.signal?.reason);
    request.signal?.addEventListener('abort', cancel, { once: true });
    try {
      return await this.#exchange(request, controller.signal);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  async #exchange(request: JumpRequest, signal: AbortSignal): Promise<JumpResult> {
    if (request.signal?.aborted) {
      throw request.signal.reason;
    }
    const hasBody = request.body !== undefined;
    const response = await this.#pool.request({
      method: request.method,
      path: this.#buildPath(request),
      headers: {
        authorization: `Bearer ${request.apiKey}`,
        accept: 'application/json',
        'user-agent': USER_AGENT,
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
        ...(request.correlationId ? { 'x-request-id': request.correlationId } : {}),
      },
      body: hasBody ? JSON.stringify(request.body) : undefined,
      signal,
    });
    const text = await readText(response.body, this.#maxResponseBytes);
    const requestId = asRequestId(header(response.headers, 'x-request-id'));
    const rateLimit = readRateLimit(response.headers);

    // Redirects are not followed: Jump does not document any, and following one could carry the
    // caller's key to another host. A 3xx is reported like any other unexpected status.
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw withRetryAfter(
        parseJumpErrorBody(response.statusCode, text, requestId),
        response,
        rateLimit,
      );
    }

    return readSuccess(request.method, response.statusCode, text, requestId, rateLimit);
  }

  #buildPath(request: JumpRequest): string {
    const path = request.route.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = request.params?.[name];
      if (value === undefined) {
        throw new RangeError(`Route ${request.route} needs the parameter ${name}`);
      }

      return encodePathSegment(value);
    });
    const search = buildSearch(request.query);

    return `${this.#basePath}${path}${search}`;
  }
}

function buildSearch(query: JumpRequest['query']): string {
  if (!query) {
    return '';
  }

  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) {
      params.append(name, String(value));
    }
  }
  const search = params.toString();

  return search.length > 0 ? `?${search}` : '';
}

function readSuccess(
  method: JumpMethod,
  status: number,
  text: string,
  headerRequestId: string | null,
  rateLimit: JumpRateLimit | null,
): JumpResult {
  // A write may answer with no content; a read that answers nothing has lost its answer.
  if (status === 204 || (text.length === 0 && method !== 'GET')) {
    return { status, data: null, page: null, requestId: headerRequestId, rateLimit };
  }

  const envelope = parseEnvelope(tryParseJson(text));
  if (envelope === null) {
    throw new JumpError({
      kind: 'invalid_response',
      status,
      code: 'invalid_response',
      message: `Jump answered HTTP ${status} with a body that is not a JSON envelope`,
      requestId: headerRequestId,
    });
  }

  return {
    status,
    data: envelope.data,
    page: envelope.page,
    requestId: asRequestId(envelope.requestId) ?? headerRequestId,
    rateLimit,
  };
}

/**
 * The body as text, refused past `maxBytes`. Read through events rather than `for await`: the
 * stream's async iterator costs a promise and a closure per chunk.
 */
function readText(body: Dispatcher.ResponseData['body'], maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        body.destroy();
        reject(
          new JumpError({
            kind: 'invalid_response',
            status: null,
            code: 'response_too_large',
            message: `Jump's response exceeded ${maxBytes} bytes`,
            requestId: null,
          }),
        );

        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    body.once('error', reject);
  });
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;

  return typeof first === 'string' && first.length > 0 ? first : null;
}

function readRateLimit(headers: Dispatcher.ResponseData['headers']): JumpRateLimit | null {
  const limit = Number(header(headers, 'x-ratelimit-limit'));
  const remaining = Number(header(headers, 'x-ratelimit-remaining'));
  if (
    !Number.isFinite(limit) ||
    !Number.isFinite(remaining) ||
    header(headers, 'x-ratelimit-limit') === null
  ) {
    return null;
  }

  return { limit, remaining };
}

/** Adds what the error answer's headers say: the quota, and when to retry after a 429. */
function withRetryAfter(
  error: JumpError,
  response: Dispatcher.ResponseData,
  rateLimit: JumpRateLimit | null,
): JumpError {
  const retryAfter = readRetryAfter(header(response.headers, 'retry-after'));

  return new JumpError({
    kind: error.kind,
    status: error.status,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    fields: error.fields,
    retryAfterSeconds: error.status === 429 ? retryAfter : null,
    rateLimit,
  });
}

const MAX_RETRY_AFTER_S = 3_600;

/**
 * `Retry-After` as whole seconds from now, in either of its forms (seconds, or an HTTP date), and
 * never more than an hour: Jump's quota resets on the hour, so a larger value is a faulty header.
 */
function readRetryAfter(raw: string | null): number | null {
  const text = raw?.trim() ?? '';
  const seconds = /^\d+$/.test(text)
    ? Number(text)
    : Math.ceil((Date.parse(text) - Date.now()) / 1_000);
  if (text === '' || !Number.isFinite(seconds)) {
    return null;
  }

  return Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_S);
}

/** undici's timeout codes, each with what the caller is told. */
const TIMEOUTS: Record<string, { code: string; message: string }> = {
  UND_ERR_CONNECT_TIMEOUT: {
    code: 'connect_timeout',
    message: 'Jump did not accept a connection in time',
  },
  UND_ERR_HEADERS_TIMEOUT: {
    code: 'headers_timeout',
    message: 'Jump did not start answering in time',
  },
  UND_ERR_BODY_TIMEOUT: { code: 'body_timeout', message: 'Jump stopped sending its answer' },
};

function toJumpError(error: unknown, callerSignal: AbortSignal | undefined): JumpError {
  if (error instanceof JumpError) {
    return error;
  }

  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  const timeout = typeof code === 'string' ? TIMEOUTS[code] : undefined;
  if (callerSignal?.aborted) {
    return transportError('unavailable', 'cancelled', 'The request was cancelled by the client');
  }
  if (timeout) {
    return transportError('timeout', timeout.code, timeout.message);
  }
  if (name === 'TimeoutError') {
    return transportError('timeout', 'deadline', DEADLINE_MESSAGE);
  }
  if (name === 'AbortError' || error instanceof undiciErrors.RequestAbortedError) {
    return transportError('unavailable', 'cancelled', 'The request was cancelled by the client');
  }

  return transportError('unavailable', 'unavailable', 'Jump could not be reached');
}

/**
 * A write that lost its connection may have been applied: say so, since the client's next step
 * (retry with the same Idempotency-Key, or check first) depends on it.
 */
function forWrite(method: JumpMethod, error: JumpError): JumpError {
  if (method === 'GET' || error.status !== null || error.code === 'cancelled') {
    return error;
  }

  return new JumpError({
    kind: error.kind,
    status: null,
    code: error.code,
    message: `${error.message}; the write may or may not have been applied: retry it only with the Idempotency-Key it was sent with, or check first`,
    requestId: null,
  });
}

function transportError(kind: JumpError['kind'], code: string, message: string): JumpError {
  return new JumpError({ kind, status: null, code, message, requestId: null });
}
