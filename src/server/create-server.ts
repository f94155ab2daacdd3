import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga } from 'graphql-yoga';
import type { YogaServerInstance } from 'graphql-yoga';
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
import type { GraphiQLHandler } from './graphiql.js';
import { useErrorCodes } from './use-error-codes.js';
import { useNodeLimit } from './use-node-limit.js';
import { useOperationLog } from './use-operation-log.js';
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
}

/** Builds the facade's HTTP server: `/health`, and GraphQL with GraphiQL at `/graphql`. */
export function createFacade(options: FacadeOptions): Facade {
  const { config, logger } = options;
  const client = new JumpClient({
    baseUrl: options.jumpApiUrl,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
  });
  const enumDrift = new EnumDrift(logger);
  const batch = { idIn: new IdInSupport(), concurrency: config.upstreamConcurrency };
  const catalogueCache = new SharedReadCache({
    ttlMs: config.catalogueCacheTtlMs,
    maxEntries: config.catalogueCacheMaxEntries,
  });
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // GraphiQL is served by `route` below from a page rendered once at start-up.
    graphiql: false,
    landingPage: false,
    logging: logger,
    maskedErrors: { isDev: false },
    plugins: [
      ...useQueryLimits(config),
      useNodeLimit(config.queryLimits.maxNodes),
      useQuotaExtension(),
      useErrorCodes(),
      useOperationLog(logger),
    ],
    context: ({ request, requestId }) => {
      const auth = readBearerKey(request.headers.get('authorization'));
      const jump = new JumpSession(client, {
        apiKey: auth.key,
        signal: request.signal,
        maxCalls: config.maxUpstreamCalls,
        sharedCache: catalogueCache,
        cacheableRoutes: CATALOGUE_ROUTES,
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
  const server = createHttpServer((req, res) => route(req, res, yoga, graphiql));

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
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await client.close();
    },
  };
}

function route(
  req: IncomingMessage,
  res: ServerResponse,
  yoga: YogaServerInstance<ServerContext, Context>,
  graphiql: GraphiQLHandler | null,
): void {
  const requestId = `fac_${randomUUID().replaceAll('-', '')}`;
  res.setHeader('x-request-id', requestId);
  const path = (req.url ?? '').split('?', 1)[0];
  if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : '{"status":"ok"}');

    return;
  }
  if (graphiql && wantsGraphiQL(req, path ?? '')) {
    graphiql(req, res);

    return;
  }

  void yoga(req, res, { requestId });
}
