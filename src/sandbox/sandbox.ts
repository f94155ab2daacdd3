import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRandom } from './data/random.js';
import { anchorDateProblem, mondayOnOrBefore } from './data/timeline.js';
import { DownloadLinks } from './download-links.js';
import { FaultInjector, type SandboxFaults } from './faults/fault-injector.js';
import type { FaultKind, FaultRule } from './faults/fault-rule.js';
import { answerClientError } from './http/client-error.js';
import { createRequestHandler } from './http/handle-request.js';
import { IdempotencyKeys } from './http/idempotency.js';
import { RateLimiter } from './http/rate-limiter.js';
import { Router } from './http/router.js';
import { SANDBOX_KEYS, type SandboxKey } from './keys.js';
import { SANDBOX_ROUTES } from './routes/index.js';
import { SandboxStore } from './store.js';

export type { InjectedFault, SandboxFaults } from './faults/fault-injector.js';
export type { Fault, FaultKind, FaultRule, FaultScope } from './faults/fault-rule.js';
export type { SandboxKey } from './keys.js';
export type { SandboxStore } from './store.js';

/** Jump's base path (`https://app.usejump.co.uk/functions/v1/api-v1`); every route is under it. */
export const SANDBOX_BASE_PATH = '/functions/v1/api-v1';

export interface SandboxOptions {
  /**
   * Honour the NEWER `id_in` list filter. False ignores it, as a Jump that does not know the
   * filter would, so clients can test their fallback. @default true
   */
  idIn?: boolean;
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Drives every generated value; the same seed and `anchorDate` give byte-identical data.
   * @default 20260101
   */
  seed?: number;
  /**
   * `YYYY-MM-DD`, from 2000-01-01 to 2099-12-31: the day the generated data is laid out around.
   * Consultations and past appointments fall before it; upcoming appointments fill the twelve
   * weeks from it. Pass one wherever data must be byte-identical from run to run. Appointments
   * between the anchor and now keep their upcoming statuses; nothing marks them attended.
   * @default the Monday on or before `now()` at start-up, on a London calendar, so the same seed
   * gives the same data all week and the diary always has appointments to come
   */
  anchorDate?: string;
  /** @default 600 */
  patientCount?: number;
  /**
   * Requests per key per clock hour before 429. `null` never refuses, but still counts and sends
   * the headers against a shown limit of 1000.
   * @default 1000
   */
  rateLimitPerHour?: number | null;
  /** Keys added to, or replacing by name, the built-in `SANDBOX_KEYS`. */
  keys?: Record<string, SandboxKey>;
  /**
   * The clock for rate-limit windows, write timestamps, "today", booking notice and hold expiry.
   * @default () => new Date()
   */
  now?: () => Date;
  /** Told about unexpected errors (answered as 500). @default silent */
  logger?: SandboxLogger;
  /**
   * Fault rules in force from the start, tried in order; `sandbox.faults` adds and removes rules
   * later. For tests and the embedded sandbox (`SANDBOX_FAULTS`); the standalone sandbox refuses
   * to start with any. @default none
   */
  faults?: readonly FaultRule[];
}

export interface SandboxLogEntry {
  level: 'error';
  message: string;
  request_id: string;
  method: string;
  /** The encoded path after the base path; never headers, keys or bodies. */
  path: string;
  error: unknown;
}

export type SandboxLogger = (entry: SandboxLogEntry) => void;

/** One request the sandbox received. Headers (and so keys) are never recorded. */
export interface SandboxCall {
  method: string;
  /** The pathname after the base path, still percent-encoded (the whole pathname if outside). */
  path: string;
  /** The request target exactly as received. */
  rawUrl: string;
  /** 0 while nothing has been written, and for good when a fault reset or withheld the answer. */
  status: number;
  /** The fault applied to the request, or null for none. */
  fault: FaultKind | null;
  /**
   * The id the sandbox gave the request, sent as `X-Request-Id` (and in error bodies) unless a
   * fault withheld the answer or answered as a proxy would, without Jump's headers.
   */
  requestId: string;
  /** The `X-Request-Id` the caller sent, if any: the facade's own id for the operation. */
  callerRequestId: string | null;
}

export interface Sandbox {
  /** E.g. `http://127.0.0.1:PORT/functions/v1/api-v1`, without a trailing slash. */
  url: string;
  /**
   * The latest requests received (at most `MAX_RECORDED_CALLS`), in arrival order; `status` is set
   * when the response is written.
   */
  calls: SandboxCall[];
  /** Empties `calls` in place, so a reference to it stays live. */
  resetCalls(): void;
  store: SandboxStore;
  /** Injects upstream faults (latency, error statuses, resets, bad bodies, stalls) into requests. */
  faults: SandboxFaults;
  /**
   * Stops listening and closes every connection, idle keep-alive ones and those a fault is
   * stalling or delaying included; settles once no fault holds a request or a timer.
   */
  close(): Promise<void>;
}

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  seed: 20260101,
  patientCount: 600,
  rateLimitPerHour: 1000,
} as const;

const MAX_PATIENTS = 100_000;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = resolveOptions(options);
  const store = new SandboxStore(settings);
  const rateLimiter = new RateLimiter(settings.rateLimitPerHour);
  const calls: SandboxCall[] = [];
  // Checked before the server starts, so a bad rule never leaves a port bound.
  const faults = new FaultInjector(createRandom(settings.seed, 'faults').next, options.faults);
  const server = createServer();
  // Links read the bound address when they are issued, which is always after listen.
  const downloads = new DownloadLinks(() => `${listeningOrigin(server)}${SANDBOX_BASE_PATH}`);
  const handler = createRequestHandler({
    basePath: SANDBOX_BASE_PATH,
    router: new Router(SANDBOX_ROUTES),
    store,
    keys: new Map(Object.entries({ ...SANDBOX_KEYS, ...options.keys })),
    rateLimiter,
    now: settings.now,
    idIn: options.idIn ?? true,
    calls,
    logger: options.logger ?? (() => {}),
    downloads,
    faults,
    idempotency: new IdempotencyKeys(),
  });
  server.on('request', handler);
  server.on('clientError', (error, socket) =>
    answerClientError(error, socket, rateLimiter.uncounted()),
  );
  const port = await listen(server, settings.port, settings.host);

  return {
    url: `http://${urlHost(settings.host)}:${port}${SANDBOX_BASE_PATH}`,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    store,
    faults,
    close: async () => {
      await close(server);
      // Closing the connections lets go of every held request, one event-loop turn later.
      await faults.whenIdle();
    },
  };
}

function resolveOptions(options: SandboxOptions) {
  const now = options.now ?? (() => new Date());
  const settings = {
    port: options.port ?? DEFAULTS.port,
    host: options.host ?? DEFAULTS.host,
    seed: options.seed ?? DEFAULTS.seed,
    patientCount: options.patientCount ?? DEFAULTS.patientCount,
    anchorDate: options.anchorDate ?? mondayOnOrBefore(now()),
    rateLimitPerHour:
      options.rateLimitPerHour === undefined ? DEFAULTS.rateLimitPerHour : options.rateLimitPerHour,
    now,
  };
  requireInteger('port', settings.port, 0, 65_535);
  requireInteger('seed', settings.seed, 0, 2 ** 32 - 1);
  requireInteger('patientCount', settings.patientCount, 0, MAX_PATIENTS);
  if (settings.rateLimitPerHour !== null) {
    requireInteger('rateLimitPerHour', settings.rateLimitPerHour, 1, Number.MAX_SAFE_INTEGER);
  }
  const anchorProblem = anchorDateProblem(settings.anchorDate);
  if (anchorProblem) {
    throw new RangeError(
      `SandboxOptions.anchorDate ${anchorProblem}; received ${JSON.stringify(settings.anchorDate)}`,
    );
  }

  return settings;
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;

  throw new RangeError(
    `SandboxOptions.${name} must be an integer from ${min} to ${max}; received ${value}`,
  );
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * `http://address:port` of the socket the server is bound to, whatever the Host header says; a
 * wildcard bind (`0.0.0.0`, `::`) is named by its loopback address, which reaches it too.
 */
function listeningOrigin(server: Server): string {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The sandbox is not listening');

  const loopback = address.family === 'IPv6' ? '::1' : '127.0.0.1';
  const host =
    address.address === '0.0.0.0' || address.address === '::' ? loopback : address.address;

  return `http://${urlHost(host)}:${address.port}`;
}
