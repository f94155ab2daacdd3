import { KEYS } from './keys.js';

export { KEYS };
import { loadConfig } from '../../src/config.js';
import type { Config } from '../../src/config.js';
import { startSandbox } from '../../src/sandbox/sandbox.js';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/sandbox.js';
import { createFacade } from '../../src/server/create-server.js';
import type { Facade } from '../../src/server/create-server.js';
import { captureLogs } from './log-capture.js';

/** The Monday the test data is generated around. */
export const TEST_ANCHOR_DATE = '2026-01-05';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{
      message: string;
      path?: Array<string | number>;
      extensions?: Record<string, unknown>;
    }>;
    extensions?: Record<string, unknown>;
  };
}

export interface Stack {
  sandbox: Sandbox;
  facade: Facade;
  /** The facade's GraphQL endpoint. */
  url: string;
  logs: ReturnType<typeof captureLogs>;
  query<T = Record<string, unknown>>(
    query: string,
    options?: {
      key?: string | null;
      variables?: Record<string, unknown>;
      headers?: Record<string, string>;
    },
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/**
 * The shared fixture: a real sandbox and a real facade, each on its own loopback port, talking
 * HTTP exactly as in production. `key` defaults to the full-scope sandbox key; null sends none.
 */
export async function startStack(
  options: { sandbox?: SandboxOptions; config?: Partial<Config> } = {},
): Promise<Stack> {
  // A fixed anchor keeps the data, and so every date a test relies on, the same in any week.
  const sandbox = await startSandbox({
    rateLimitPerHour: null,
    anchorDate: TEST_ANCHOR_DATE,
    ...options.sandbox,
  });
  const logs = captureLogs();
  const config = { ...loadConfig({}), ...options.config };
  const facade = createFacade({
    config,
    logger: logs.logger,
    jumpApiUrl: sandbox.url,
    sandboxMode: true,
  });
  const url = await facade.listen(0, '127.0.0.1');

  return {
    sandbox,
    facade,
    url,
    logs,
    query: (query, queryOptions = {}) => postGraphQL(url, query, queryOptions),
    close: async () => {
      await facade.close();
      await sandbox.close();
    },
  };
}

/** A facade alone, over any upstream (a scripted one, say), for tests of upstream faults. */
export async function startFacade(jumpApiUrl: string, config: Partial<Config> = {}) {
  const logs = captureLogs();
  const facade = createFacade({
    config: { ...loadConfig({}), ...config },
    logger: logs.logger,
    jumpApiUrl,
    sandboxMode: false,
  });
  const url = await facade.listen(0, '127.0.0.1');

  return {
    url,
    logs,
    query: <T = Record<string, unknown>>(query: string, options: QueryOptions = {}) =>
      postGraphQL<T>(url, query, options),
    close: () => facade.close(),
  };
}

type QueryOptions = {
  key?: string | null;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
};

export async function postGraphQL<T>(
  url: string,
  query: string,
  options: {
    key?: string | null;
    variables?: Record<string, unknown>;
    headers?: Record<string, string>;
  } = {},
): Promise<GraphQLResponse<T>> {
  const key = options.key === undefined ? KEYS.full : options.key;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });

  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse<T>['body'],
  };
}
