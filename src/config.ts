import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isTimeZone } from './domain/time-zone.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Everything the facade reads from its environment, validated once at start-up. */
export interface Config {
  /** `PORT`: port the GraphQL server listens on. @default 4000 */
  port: number;
  /** `HOST`: interface to bind. @default '127.0.0.1' */
  host: string;
  /**
   * `JUMP_API_URL`: Jump's base URL, e.g. `https://app.usejump.co.uk/functions/v1/api-v1`.
   * Null (unset) starts the embedded sandbox and uses it.
   */
  jumpApiUrl: string | null;
  /** Per-call limits on each phase of an upstream call. */
  upstreamTimeouts: UpstreamTimeouts;
  /**
   * `OPERATION_DEADLINE_MS`: time all of one operation's upstream calls may take together,
   * retries included; a call still waiting then fails with UPSTREAM_TIMEOUT. @default 20000
   */
  operationDeadlineMs: number;
  /**
   * `MAX_CONCURRENT_OPERATIONS`: GraphQL requests handled at once; more get 503 with
   * `Retry-After` instead of queueing without bound. @default 256
   */
  maxConcurrentOperations: number;
  /**
   * `REQUEST_TIMEOUT_MS`: time a client has to send a whole request, headers and body; slower
   * ones get 408. Headers alone get at most 10 s. @default 30000
   */
  requestTimeoutMs: number;
  /** `JUMP_CONNECTIONS`: pooled sockets to Jump. @default 64 */
  upstreamConnections: number;
  /** `JUMP_BATCH_CONCURRENCY`: single gets in flight at once for one batch of ids. @default 8 */
  upstreamConcurrency: number;
  /** `JUMP_MAX_CALLS_PER_OPERATION`: upstream calls one GraphQL operation may make. @default 250 */
  maxUpstreamCalls: number;
  /** `CATALOGUE_CACHE_TTL_MS`: reuse of appointment types, clinicians and locations; 0 disables. @default 60000 */
  catalogueCacheTtlMs: number;
  /** `CATALOGUE_CACHE_MAX_ENTRIES`: answers the catalogue cache keeps. @default 5000 */
  catalogueCacheMaxEntries: number;
  /** `PRACTICE_TIME_ZONE`: the zone of local times when a location does not name one. @default 'Europe/London' */
  practiceTimeZone: string;
  /** `NODE_ENV === 'production'`: no field suggestions in validation errors. */
  production: boolean;
  /** `INTROSPECTION`: answer introspection queries (GraphiQL and codegen need them). @default true */
  introspection: boolean;
  /**
   * `CORS_ORIGINS`: comma-separated browser origins allowed to call the API. Unset means any
   * origin against the embedded sandbox and none against a real Jump.
   */
  corsOrigins: string[] | null;
  /** `MAX_BODY_BYTES`: largest request body accepted; larger ones get 413. @default 1048576 */
  maxBodyBytes: number;
  /** `SHUTDOWN_TIMEOUT_MS`: how long in-flight requests may finish after SIGTERM. @default 10000 */
  shutdownTimeoutMs: number;
  /**
   * `TRUSTED_DOCUMENTS`: path of a persisted-documents manifest (hash → document, as codegen's
   * client preset writes it). When set, only those operations run. @default unset (any operation)
   */
  trustedDocuments: ReadonlyMap<string, string> | null;
  /** `OTEL_ENABLED`: export OpenTelemetry traces over OTLP/HTTP. @default false */
  tracing: boolean;
  /** Limits on incoming operations, each from a `QUERY_MAX_*` variable. */
  queryLimits: QueryLimits;
  /** `LOG_LEVEL`: pino level. @default 'info' */
  logLevel: LogLevel;
  /** `GRAPHIQL`: serve GraphiQL on GET /graphql. @default true */
  graphiql: boolean;
}

export interface UpstreamTimeouts {
  /** `JUMP_CONNECT_TIMEOUT_MS`: opening a connection to Jump, TLS included. @default 3000 */
  connectMs: number;
  /** `JUMP_HEADERS_TIMEOUT_MS`: from sending a request to Jump's response headers. @default 10000 */
  headersMs: number;
  /** `JUMP_BODY_TIMEOUT_MS`: the longest pause while Jump's response body streams in. @default 10000 */
  bodyMs: number;
}

export interface QueryLimits {
  /** `QUERY_MAX_DOCUMENT_BYTES`: size of the GraphQL document text, comments included. @default 32768 */
  maxDocumentBytes: number;
  /** `QUERY_MAX_DEPTH`: nesting depth of selections, fragments included. @default 12 */
  maxDepth: number;
  /** `QUERY_MAX_ALIASES`: aliases in one operation. @default 30 */
  maxAliases: number;
  /** `QUERY_MAX_TOKENS`: lexical tokens in one document. @default 5000 */
  maxTokens: number;
  /** `QUERY_MAX_DIRECTIVES`: directives in one operation. @default 50 */
  maxDirectives: number;
  /** `QUERY_MAX_NODES`: objects an operation could return, each `first` multiplying. @default 50000 */
  maxNodes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Reads and validates the configuration; throws one ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: T, parse: (raw: string) => T | Invalid): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') {
      return fallback;
    }

    const parsed = parse(raw.trim());
    if (parsed instanceof Invalid) {
      problems.push(`${name}=${JSON.stringify(raw)}: ${parsed.reason}`);

      return fallback;
    }

    return parsed;
  };

  const config: Config = {
    port: read('PORT', 4000, integerIn(0, 65535)),
    host: read('HOST', '127.0.0.1', hostName),
    jumpApiUrl: readJumpApiUrl(env.JUMP_API_URL, problems),
    upstreamTimeouts: {
      connectMs: read('JUMP_CONNECT_TIMEOUT_MS', 3_000, integerIn(1, 120_000)),
      headersMs: read('JUMP_HEADERS_TIMEOUT_MS', 10_000, integerIn(1, 120_000)),
      bodyMs: read('JUMP_BODY_TIMEOUT_MS', 10_000, integerIn(1, 120_000)),
    },
    operationDeadlineMs: read('OPERATION_DEADLINE_MS', 20_000, integerIn(1, 300_000)),
    maxConcurrentOperations: read('MAX_CONCURRENT_OPERATIONS', 256, integerIn(1, 100_000)),
    requestTimeoutMs: read('REQUEST_TIMEOUT_MS', 30_000, integerIn(1_000, 600_000)),
    upstreamConnections: read('JUMP_CONNECTIONS', 64, integerIn(1, 1024)),
    upstreamConcurrency: read('JUMP_BATCH_CONCURRENCY', 8, integerIn(1, 256)),
    maxUpstreamCalls: read('JUMP_MAX_CALLS_PER_OPERATION', 250, integerIn(1, 10_000)),
    catalogueCacheTtlMs: read('CATALOGUE_CACHE_TTL_MS', 60_000, integerIn(0, 3_600_000)),
    catalogueCacheMaxEntries: read('CATALOGUE_CACHE_MAX_ENTRIES', 5000, integerIn(1, 1_000_000)),
    practiceTimeZone: read('PRACTICE_TIME_ZONE', 'Europe/London', timeZone),
    queryLimits: {
      maxDocumentBytes: read('QUERY_MAX_DOCUMENT_BYTES', 32_768, integerIn(1_024, 1_048_576)),
      maxDepth: read('QUERY_MAX_DEPTH', 12, integerIn(1, 100)),
      maxAliases: read('QUERY_MAX_ALIASES', 30, integerIn(0, 1000)),
      maxTokens: read('QUERY_MAX_TOKENS', 5000, integerIn(100, 100_000)),
      maxDirectives: read('QUERY_MAX_DIRECTIVES', 50, integerIn(0, 1000)),
      maxNodes: read('QUERY_MAX_NODES', 50_000, integerIn(1, 10_000_000)),
    },
    production: env.NODE_ENV === 'production',
    introspection: read('INTROSPECTION', true, boolean),
    corsOrigins: read<string[] | null>('CORS_ORIGINS', null, origins),
    maxBodyBytes: read('MAX_BODY_BYTES', 1_048_576, integerIn(1_024, 100 * 1_048_576)),
    trustedDocuments: read<ReadonlyMap<string, string> | null>('TRUSTED_DOCUMENTS', null, manifest),
    tracing: read('OTEL_ENABLED', false, boolean),
    shutdownTimeoutMs: read('SHUTDOWN_TIMEOUT_MS', 10_000, integerIn(0, 600_000)),
    logLevel: read<LogLevel>('LOG_LEVEL', 'info', oneOf(LOG_LEVELS)),
    graphiql: read('GRAPHIQL', true, boolean),
  };
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return config;
}

function readJumpApiUrl(raw: string | undefined, problems: string[]): string | null {
  if (raw === undefined || raw.trim() === '') {
    return null;
  }

  const value = raw.trim();
  // Never print credentials or query values someone put in the URL.
  const shown = JSON.stringify(value.replace(/\/\/[^/@]*@/, '//***@').replace(/[?#].*$/, '?…'));
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`JUMP_API_URL=${shown}: not an absolute URL`);

    return null;
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  ) {
    problems.push(
      `JUMP_API_URL=${shown}: must be https (plain http is allowed only on loopback, ` +
        'because callers’ API keys travel in it)',
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    problems.push(`JUMP_API_URL=${shown}: must not carry credentials, a query or a fragment`);
  }

  return value.replace(/\/+$/, '');
}

class Invalid {
  constructor(readonly reason: string) {}
}

function integerIn(min: number, max: number) {
  return (raw: string): number | Invalid => {
    const value = Number(raw);

    return /^\d+$/.test(raw) && value >= min && value <= max
      ? value
      : new Invalid(`expected a whole number from ${min} to ${max}`);
  };
}

function hostName(raw: string): string | Invalid {
  const dotted = /^[\d.]+$/.test(raw);
  const valid =
    isIP(raw) !== 0 || (!dotted && /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(raw));

  return valid ? raw : new Invalid('expected an IP address or a host name such as 0.0.0.0');
}

function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string): T | Invalid =>
    (allowed as readonly string[]).includes(raw)
      ? (raw as T)
      : new Invalid(`expected one of ${allowed.join(', ')}`);
}

function timeZone(raw: string): string | Invalid {
  return isTimeZone(raw) ? raw : new Invalid('expected an IANA time zone such as Europe/London');
}

function origins(raw: string): string[] | Invalid {
  const list = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const bad = list.find((origin) => origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin));

  return bad === undefined
    ? list
    : new Invalid(
        `expected origins such as https://portal.example.com, comma-separated (got ${JSON.stringify(bad)})`,
      );
}

function manifest(path: string): ReadonlyMap<string, string> | Invalid {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return new Invalid(`cannot read a JSON manifest there (${(error as Error).message})`);
  }
  const entries = typeof parsed === 'object' && parsed !== null ? Object.entries(parsed) : [];
  if (entries.length === 0 || !entries.every(([, document]) => typeof document === 'string')) {
    return new Invalid('expected a JSON object of document hashes to GraphQL documents');
  }

  return new Map(entries as Array<[string, string]>);
}

function boolean(raw: string): boolean | Invalid {
  if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) {
    return false;
  }

  return new Invalid('expected true or false');
}
