import type { DownloadLinks } from '../download-links.js';
import type { Scope } from '../keys.js';
import type { SandboxStore } from '../store.js';
import type { Reply } from './reply.js';
import { decodeSegment } from './request-target.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler gets: everything about the request that a resource needs. */
export interface RouteRequest {
  /** Percent-decoded values of the pattern's `:name` segments, in order. */
  params: readonly string[];
  query: URLSearchParams;
  /** The JSON object body, for routes declared with `body: 'json'`; else an empty object. */
  body: Record<string, unknown>;
  store: SandboxStore;
  /** The sandbox clock, read once for the request. */
  now: Date;
  /** Issues and checks the signed links that serve document files. */
  downloads: DownloadLinks;
}

export interface Route {
  method: HttpMethod;
  /** Path under the base path; `:name` matches any one non-empty segment, e.g. `/patients/:id`. */
  pattern: string;
  /**
   * The scope the caller's API key needs. `null` serves the route without an API key (and without
   * counting it against a quota); such a route must check its own credential, as a signed link does.
   */
  scope: Scope | null;
  body?: 'json';
  /**
   * Honour `Idempotency-Key` (jump-api.md §1.9), as Jump does on every POST that creates a record:
   * a retry with the same key and body gets the first answer again and creates nothing.
   */
  acceptsIdempotencyKey?: boolean;
  handle(request: RouteRequest): Reply | Promise<Reply>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: string[] }
  | { kind: 'method-not-allowed'; pattern: string; allowed: HttpMethod[] }
  | { kind: 'not-found' };

interface CompiledRoute {
  route: Route;
  segments: readonly string[];
}

/** Matches encoded path segments against route patterns; literal segments compare exactly. */
export class Router {
  readonly #routes: readonly CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.#routes = routes.map((route) => ({ route, segments: route.pattern.split('/').slice(1) }));
  }

  match(method: string, segments: readonly string[]): RouteMatch {
    const onPath = this.#routes.filter((compiled) => fits(compiled.segments, segments));
    const found = onPath.find((compiled) => compiled.route.method === method);
    if (found) return { kind: 'found', route: found.route, params: paramsOf(found, segments) };

    const first = onPath[0];
    if (!first) return { kind: 'not-found' };

    const allowed = onPath.map((compiled) => compiled.route.method);

    return { kind: 'method-not-allowed', pattern: first.route.pattern, allowed };
  }
}

function fits(pattern: readonly string[], segments: readonly string[]): boolean {
  if (pattern.length !== segments.length) return false;

  return pattern.every((part, index) => {
    const segment = segments[index] ?? '';

    return part.startsWith(':') ? segment !== '' : part === segment;
  });
}

function paramsOf(compiled: CompiledRoute, segments: readonly string[]): string[] {
  return compiled.segments.flatMap((part, index) =>
    part.startsWith(':') ? [decodeSegment(segments[index] ?? '')] : [],
  );
}
