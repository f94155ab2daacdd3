import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createYoga } from 'graphql-yoga';
import type { Plugin, YogaServerInstance } from 'graphql-yoga';
import { readBearerKey } from '../auth/api-key.js';
import type { Config } from '../config.js';
import type { Context } from '../graphql/context.js';
import { EnumDrift } from '../graphql/enum-drift.js';
import { Loaders } from '../graphql/loaders.js';
import { schema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { JumpClient } from '../upstream/jump-client.js';
import { JumpSession } from '../upstream/jump-session.js';
import { SharedReadCache } from '../upstream/shared-read-cache.js';
import { IdInSupport } from '../upstream/id-in-support.js';
import { CATALOGUE_ROUTES } from '../upstream/jump-routes.js';
import { createGraphiQLHandler, wantsGraphiQL } from './graphiql.js';
import { Metrics } from './metrics.js';
import type { GraphiQLHandler } from './graphiql.js';
import { idempotencyKeyProblem, readIdempotencyKey } from './idempotency-key.js';
import { useAdmission } from './use-admission.js';
import { useDocumentLimits } from './use-document-limits.js';
import { useAutomaticPersistedQueries } from './use-persisted-queries.js';
import { useCompiledExecution } from './use-compiled-execution.js';
import { useErrorCodes } from './use-error-codes.js';
import { useNodeLimit } from './use-node-limit.js';
import { recordUpstreamSpan } from './tracing.js';
import { useOperationLog } from './use-operation-log.js';
import type { TraceParents } from './use-operation-log.js';
import { useQueryLimits } from './use-query-limits.js';
import { useQuotaExtension } from './use-quota-extension.js';

export interface FacadeOptions {
  config: Config;
  logger: Logger;
  /** Resolved Jump base URL: the configured one, or the embedded sandbox's. */
  jumpApiUrl: string;
  /** True when serving the embedded sandbox, which puts a test key in GraphiQL. */
  sandboxMode: boolean;
}

export interface Facade {
  yoga: YogaServerInstance<ServerContext, Context>;
  server: Server;
  client: JumpClient;
  /** Starts listening; resolves to the GraphQL endpoint URL. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

interface ServerContext {
  requestId: string;
  /** The Node response, so a plugin can tell when the request is over. */
  res?: ServerResponse;
}

/** Builds the facade's HTTP server: `/health`, and GraphQL with GraphiQL at `/graphql`. */
export function createFacade(options: FacadeOptions): Facade {
  const { config, logger } = options;
  const client = new JumpClient({
    baseUrl: options.jumpApiUrl,
    timeouts: config.upstreamTimeouts,
    deadlineMs: config.operationDeadlineMs,
    connections: config.upstreamConnections,
  });
  const enumDrift = new EnumDrift(logger);
  const metrics = new Metrics();
  const traceParents: TraceParents = new WeakMap();
  const batch = { idIn: new IdInSupport(), concurrency: config.upstreamConcurrency };
  // Keys Jump has lately answered with anything but 401: an operation whose key is not here sends
  // one call before any other, so a made-up key costs Jump one request, not one per field.
  const acceptedKeys = new SharedReadCache<true>({ ttlMs: 300_000, maxEntries: 10_000 });
  const catalogueCache = new SharedReadCache({
    ttlMs: config.catalogueCacheTtlMs,
    maxEntries: config.catalogueCacheMaxEntries,
  });
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // GraphiQL is served by `route` below from a page rendered once at start-up.
    graphiql: false,
    // `route` already refuses oversized and unbounded bodies before Yoga reads them; Yoga's own
    // limit would re-stream every body a second time.
    maxRequestBodySize: false,
    landingPage: false,
    logging: logger,
    maskedErrors: { isDev: false },
    cors: corsOptions(config, options.sandboxMode),
    plugins: [
      // First, so requests refused by any later plugin are still coded, logged and counted.
      useErrorCodes({ production: config.production }),
      useOperationLog(logger, traceParents, (summary) => metrics.recordOperation(summary)),
      useAdmission(config.maxConcurrentOperations),
      // A request carrying Authorization (as every useful one here does) is never a "simple"
      // cross-site request, so this refuses only what a forged form or link could send.
      useCSRFPrevention({ requestHeaders: ['authorization', 'x-graphql-yoga-csrf'] }),
      ...(config.introspection ? [] : [useDisableIntrospection()]),
      ...(config.production ? [blockFieldSuggestionsPlugin() as Plugin] : []),
      useDocumentLimits(config.queryLimits.maxDocumentBytes),
      ...persistedOperations(config),
      ...useQueryLimits(config),
      useNodeLimit(config.queryLimits.maxNodes),
      useQuotaExtension(),
      useCompiledExecution(),
    ],
    context: ({ request, requestId }) => {
      const auth = readBearerKey(request.headers.get('authorization'));
      const jump = new JumpSession(client, {
        apiKey: auth.key,
        signal: request.signal,
        deadlineMs: config.operationDeadlineMs,
        correlationId: requestId,
        idempotencyKey: readIdempotencyKey(request.headers.get('idempotency-key')),
        maxCalls: config.maxUpstreamCalls,
        onCall: (event) => {
          metrics.recordUpstream(event);
          recordUpstreamSpan(event, traceParents.get(request));
        },
        sharedCache: catalogueCache,
        cacheableRoutes: CATALOGUE_ROUTES,
        acceptedKeys,
      });

      return {
        requestId,
        auth,
        jump,
        loaders: new Loaders(jump, batch),
        enumDrift,
        practiceTimeZone: config.practiceTimeZone,
      };
    },
  });
  const graphiql = config.graphiql ? createGraphiQLHandler('/graphql', options.sandboxMode) : null;
  const readiness = new Readiness(client);
  const server = createHttpServer(serverTimeouts(config.requestTimeoutMs), (req, res) =>
    route(req, res, {
      yoga,
      graphiql,
      readiness,
      metrics,
      maxBodyBytes: config.maxBodyBytes,
      logger,
    }),
  );

  return {
    yoga,
    server,
    client,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shownHost}:${address.port}/graphql`);
        });
      }),
    close: async () => {
      await closeGracefully(server, config.shutdownTimeoutMs);
      await client.close();
    },
  };
}

interface Routes {
  yoga: YogaServerInstance<ServerContext, Context>;
  graphiql: GraphiQLHandler | null;
  readiness: Readiness;
  metrics: Metrics;
  maxBodyBytes: number;
  logger: Logger;
}

function route(req: IncomingMessage, res: ServerResponse, routes: Routes): void {
  const requestId = `fac_${randomUUID().replaceAll('-', '')}`;
  res.setHeader('x-request-id', requestId);
  const path = (req.url ?? '').split('?', 1)[0] ?? '';
  const reading = req.method === 'GET' || req.method === 'HEAD';
  if (path === '/health' && reading) {
    sendJson(req, res, 200, { status: 'ok' });

    return;
  }
  if (path === '/ready' && reading) {
    void routes.readiness
      .check()
      .then((ready) =>
        sendJson(req, res, ready ? 200 : 503, { status: ready ? 'ready' : 'jump unreachable' }),
      );

    return;
  }
  if (path === '/metrics' && reading) {
    void routes.metrics.registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': routes.metrics.registry.contentType });
      res.end(req.method === 'HEAD' ? undefined : text);
    });

    return;
  }
  if (routes.graphiql && wantsGraphiQL(req, path)) {
    routes.graphiql(req, res);

    return;
  }
  const refusal = refuseEarly(req, routes.maxBodyBytes);
  if (refusal) {
    routes.logger.info(
      { requestId, status: refusal.status, errorCodes: [refusal.code] },
      'request refused',
    );
    sendError(req, res, refusal);

    return;
  }

  void routes.yoga(req, res, { requestId, res });
}

interface Refusal {
  status: number;
  code: string;
  message: string;
}

const GRAPHQL_MEDIA_TYPES = new Set([
  'application/json',
  'application/graphql-response+json',
  'application/x-www-form-urlencoded',
]);

/** What is wrong with a request before Yoga sees it: its headers, its media type or its body. */
function refuseEarly(req: IncomingMessage, maxBodyBytes: number): Refusal | null {
  const badKey = idempotencyKeyProblem(req.headers['idempotency-key'] as string | undefined);
  if (badKey !== null) {
    return { status: 400, code: 'BAD_USER_INPUT', message: badKey };
  }
  if (req.method !== 'POST') {
    return null;
  }

  const mediaType = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (!GRAPHQL_MEDIA_TYPES.has(mediaType ?? '')) {
    return {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the operation as application/json (or a URL-encoded form)',
    };
  }

  return refuseBody(req, maxBodyBytes);
}

/**
 * Refuses a body over the limit before reading it. A body without a length (chunked) is refused
 * too: every GraphQL client sends one, and an unbounded stream is what the limit exists to stop.
 */
function refuseBody(req: IncomingMessage, maxBytes: number): Refusal | null {
  const declared = req.headers['content-length'];
  const length = declared === undefined ? NaN : Number(declared);
  if (declared === undefined && req.headers['transfer-encoding'] !== undefined) {
    return {
      status: 411,
      code: 'LENGTH_REQUIRED',
      message: 'Send the request body with a Content-Length',
    };
  }
  if (length > maxBytes) {
    return {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `The request body is over ${maxBytes} bytes`,
    };
  }

  return null;
}

function sendError(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  res.setHeader('connection', 'close');
  sendJson(req, res, refusal.status, {
    errors: [{ message: refusal.message, extensions: { code: refusal.code } }],
  });
  req.resume();
}

/**
 * Node's own defaults give a client five minutes to send its request. A slow sender holds only a
 * socket, never an operation slot, but sockets are finite too.
 */
function serverTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(requestTimeoutMs, 10_000),
    connectionsCheckingInterval: Math.min(requestTimeoutMs, 1_000),
  };
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify(body));
}

/** Whether Jump answers, checked at most every few seconds however often /ready is polled. */
class Readiness {
  #checked = 0;
  #ready: Promise<boolean> = Promise.resolve(false);

  constructor(private readonly client: JumpClient) {}

  check(): Promise<boolean> {
    if (Date.now() - this.#checked > 5_000) {
      this.#checked = Date.now();
      this.#ready = this.client.ping();
    }

    return this.#ready;
  }
}

/**
 * Stops accepting connections, lets requests in flight finish for up to `timeoutMs`, then closes
 * whatever is left.
 */
async function closeGracefully(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearTimeout(timer);
}

/**
 * Trusted documents when a manifest is configured: only its operations run, by hash. Otherwise
 * Apollo's automatic persisted queries: any document, which a client may then send by its
 * SHA-256 hash alone.
 */
function persistedOperations(config: Config): Plugin[] {
  const documents = config.trustedDocuments;
  if (documents === null) {
    return [useAutomaticPersistedQueries({ max: 1_000, ttlMs: 3_600_000 })];
  }

  return [
    usePersistedOperations({
      allowArbitraryOperations: false,
      customErrors: {
        persistedQueryOnly: {
          message: 'PersistedQueryOnly: this server runs only its trusted documents',
          extensions: { code: 'PERSISTED_QUERY_ONLY' },
        },
        notFound: {
          message: 'PersistedQueryNotFound: no trusted document has that id',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
        },
        keyNotFound: {
          message: 'PersistedQueryKeyNotFound: send a documentId',
          extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' },
        },
      },
      // The GraphQL-over-HTTP `documentId`, or Apollo's persisted-query extension.
      extractPersistedOperationId: (params) => {
        const { documentId, extensions } = params as typeof params & { documentId?: unknown };
        const hash = (extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
          ?.sha256Hash;
        const id = documentId ?? hash;

        return typeof id === 'string' ? id : null;
      },
      getPersistedOperation: (key) => documents.get(key) ?? documents.get(`sha256:${key}`) ?? null,
    }) as Plugin,
  ];
}

function corsOptions(config: Config, sandboxMode: boolean) {
  const origins = config.corsOrigins ?? (sandboxMode ? ['*'] : null);
  if (origins === null) {
    return false;
  }

  return {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-graphql-yoga-csrf'],
    exposedHeaders: ['x-request-id'],
    credentials: false,
    maxAge: 600,
  };
}
