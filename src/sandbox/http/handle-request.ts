import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { DownloadLinks } from '../download-links.js';
import { applyFault } from '../faults/apply-fault.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { SandboxKey } from '../keys.js';
import type { SandboxCall, SandboxLogger } from '../sandbox.js';
import type { SandboxStore } from '../store.js';
import { authenticate, requireScope, type Caller } from './authenticate.js';
import { HttpError, shorten } from './http-error.js';
import { readIdempotencyKey, type IdempotencyKeys } from './idempotency.js';
import type { RateLimiter } from './rate-limiter.js';
import { readJsonBody } from './read-json-body.js';
import { newRequestId } from './request-id.js';
import type { Reply } from './reply.js';
import { parseRequestTarget, rawPathname, type RequestTarget } from './request-target.js';
import type { RouteMatch, Router } from './router.js';
import { errorBody, writeFile, writeJson, type ResponseContext } from './write-response.js';

export interface RequestHandlerDeps {
  basePath: string;
  router: Router;
  store: SandboxStore;
  keys: ReadonlyMap<string, SandboxKey>;
  rateLimiter: RateLimiter;
  now: () => Date;
  calls: SandboxCall[];
  logger: SandboxLogger;
  downloads: DownloadLinks;
  /** False makes list routes ignore `id_in`, as an API that does not know the filter would. */
  idIn: boolean;
  faults: FaultInjector;
  idempotency: IdempotencyKeys;
}

type Exchange = ResponseContext & { request: IncomingMessage; call: SandboxCall };

/** The sandbox's whole request pipeline; every phase below either passes or throws HttpError. */
export function createRequestHandler(deps: RequestHandlerDeps) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    // Last resort, so no input can leave a rejected promise that would take the process down.
    handleRequest(deps, request, response).catch(() => response.destroy());
  };
}

async function handleRequest(
  deps: RequestHandlerDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const rawUrl = request.url ?? '';
  const target = parseRequestTarget(rawUrl, deps.basePath);
  const callerRequestId = request.headers['x-request-id'];
  const call: SandboxCall = {
    method: request.method ?? '',
    path: target?.path ?? rawPathname(rawUrl),
    rawUrl,
    status: 0,
    fault: null,
    requestId: newRequestId(),
    callerRequestId: typeof callerRequestId === 'string' ? callerRequestId.slice(0, 200) : null,
  };
  recordCall(deps.calls, call);
  const exchange: Exchange = {
    request,
    call,
    requestId: call.requestId,
    startedAt: performance.now(),
    rateLimit: deps.rateLimiter.uncounted(),
  };
  // Faults come first, as they would from the network or a proxy in front of Jump.
  const fault = deps.faults.take(call.method, call.path);
  if (fault) {
    call.fault = fault.fault;
    const taken = { request, response, context: exchange, call };
    if (!(await applyFault(fault, taken, deps.faults))) return;
  }
  try {
    const reply = await dispatch(deps, exchange, target);
    call.status = reply.status;
    if ('file' in reply) writeFile(response, exchange, reply.file);
    else writeJson(response, exchange, reply.status, reply.body, reply.headers);
  } catch (thrown) {
    const error = thrown instanceof HttpError ? thrown : unexpected(deps, exchange, thrown);
    call.status = error.status;
    writeJson(
      response,
      exchange,
      error.status,
      errorBody(error, exchange.requestId),
      error.headers,
    );
  }
}

async function dispatch(
  deps: RequestHandlerDeps,
  exchange: Exchange,
  located: RequestTarget | undefined,
): Promise<Reply> {
  const { call, request } = exchange;
  const target = requireTarget(deps.basePath, call, located);
  const now = deps.now();
  const match = deps.router.match(call.method, target.segments);
  // A route without a scope checks its own credential (a signed link). Everything else shows an
  // API key before routing errors, so an unknown path without a key is still a 401.
  const keyless = match.kind === 'found' && match.route.scope === null;
  const caller = keyless ? undefined : admit(deps, exchange, now);
  const { route, params } = requireRoute(match, call.method, target);
  if (caller && route.scope !== null) requireScope(caller, route.scope);

  if (!deps.idIn) {
    target.query.delete('id_in');
  }
  const { store, downloads } = deps;
  const handle = (body: Record<string, unknown>) =>
    route.handle({ params, query: target.query, body, store, now, downloads });
  const readBody = async () => (route.body === 'json' ? readJsonBody(request) : {});
  const key =
    caller && route.acceptsIdempotencyKey ? readIdempotencyKey(request.headers) : undefined;
  if (!caller || key === undefined) return handle(await readBody());

  const scope = { token: caller.token, method: call.method, path: target.path, key };

  return deps.idempotency.run(scope, now.getTime(), readBody, handle);
}

/** Only the base path is served; nothing outside it is authenticated or counted. */
function requireTarget(
  basePath: string,
  call: SandboxCall,
  target: RequestTarget | undefined,
): RequestTarget {
  if (target) return target;

  throw new HttpError(404, `No endpoint at ${shorten(call.path)}; the API is under ${basePath}`);
}

/** Authentication, then the caller's hourly quota. */
function admit(deps: RequestHandlerDeps, exchange: Exchange, now: Date): Caller {
  const caller = authenticate(exchange.request.headers.authorization, deps.keys);
  const usage = deps.rateLimiter.consume(caller.token, now);
  exchange.rateLimit = { limit: usage.limit, remaining: usage.remaining };
  if (usage.exceeded) throw new HttpError(429, 'Rate limit exceeded');

  return caller;
}

function requireRoute(match: RouteMatch, method: string, target: RequestTarget) {
  if (match.kind === 'found') return match;

  if (match.kind === 'method-not-allowed') {
    const allowed = match.allowed.join(', ');
    const details = `Method ${method} is not allowed on ${match.pattern}; use ${allowed}`;

    throw new HttpError(405, details, { headers: { Allow: allowed } });
  }

  throw new HttpError(404, `No endpoint matches ${method} ${shorten(target.path || '/')}`);
}

/** Anything not an HttpError is a sandbox bug: logged once, answered as a masked 500. */
function unexpected(deps: RequestHandlerDeps, exchange: Exchange, thrown: unknown): HttpError {
  try {
    deps.logger({
      level: 'error',
      message: 'Sandbox request failed unexpectedly',
      request_id: exchange.requestId,
      method: exchange.call.method,
      path: exchange.call.path,
      error: thrown,
    });
  } catch {
    // A failing logger must not turn one bad request into a crashed sandbox.
  }

  return new HttpError(500, 'An unexpected error occurred in the sandbox');
}

/** Enough history for any test; a long-running embedded sandbox must not grow without bound. */
export const MAX_RECORDED_CALLS = 5_000;

function recordCall(calls: SandboxCall[], call: SandboxCall): void {
  if (calls.length >= MAX_RECORDED_CALLS) {
    calls.splice(0, calls.length - MAX_RECORDED_CALLS + 1);
  }
  calls.push(call);
}
