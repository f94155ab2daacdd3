import type { ProxyHandle } from './children.js';
import { JUMP_BASE_PATH } from './children.js';
import type { CountedRead, HttpRequest, Phrasing } from './operations.js';
import type { RecordedRequest } from './proxy-protocol.js';

/** Requests that reached Jump during one operation, and which routes they were. */
export interface UpstreamCalls {
  calls: number;
  /** e.g. `GET /patients?id_in (45 ids)` → 1 */
  routes: Record<string, number>;
}

export type CountedPhrasing = (UpstreamCalls & { note?: string }) | { unsupported: string };

export interface CountedReadFigures {
  name: string;
  target: string;
  /** The first run, with the facade's catalogue cache cold. */
  facade: UpstreamCalls;
  /** The same operation again straight after, catalogue cache warm. */
  facadeWarm: UpstreamCalls;
  peer: CountedPhrasing;
}

/**
 * Sends each read once on its own and counts the requests arriving at the delay proxy meanwhile.
 * Must run before any other load touches the catalogue, so that the first figure is the cold one.
 */
export async function countUpstreamCalls(
  proxy: ProxyHandle,
  reads: CountedRead[],
): Promise<CountedReadFigures[]> {
  const figures: CountedReadFigures[] = [];
  for (const read of reads) {
    const facade = await count(proxy, read.facade);
    const facadeWarm = await count(proxy, read.facade);
    const peer = await count(proxy, read.peer);
    if ('unsupported' in facade || 'unsupported' in facadeWarm) {
      throw new Error(`the facade must express "${read.name}"`);
    }

    figures.push({ name: read.name, target: read.target, facade, facadeWarm, peer });
  }

  return figures;
}

/** Sends a request once and fails unless it answers 200 with data and no GraphQL errors. */
export async function sendOnce(request: HttpRequest): Promise<unknown> {
  const response = await fetch(request.url, request);
  const text = await response.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (!response.ok || !body.data || body.errors) {
    throw new Error(
      `${request.method} ${request.url} answered ${response.status}: ${text.slice(0, 500)}`,
    );
  }

  return body.data;
}

async function count(proxy: ProxyHandle, phrasing: Phrasing): Promise<CountedPhrasing> {
  if ('unsupported' in phrasing) return phrasing;

  const requests = await proxy.record(() => sendOnce(phrasing.request));
  const calls = { calls: requests.length, routes: summarise(requests) };

  return phrasing.note ? { ...calls, note: phrasing.note } : calls;
}

function summarise(requests: RecordedRequest[]): Record<string, number> {
  const routes: Record<string, number> = {};
  for (const request of requests) {
    const key = routeOf(request);
    routes[key] = (routes[key] ?? 0) + 1;
  }

  return routes;
}

/** `GET /functions/v1/api-v1/patients/pat_1?x=1` → `GET /patients/{id}`; id_in shows its size. */
function routeOf({ method, url }: RecordedRequest): string {
  const parsed = new URL(url, 'http://proxy');
  const path = parsed.pathname
    .replace(JUMP_BASE_PATH, '')
    .split('/')
    .map((segment, index) => (index === 2 && segment !== '' ? '{id}' : segment))
    .join('/');
  const ids = parsed.searchParams.get('id_in');
  const batch = ids ? `?id_in (${ids.split(',').length} ids)` : '';

  return `${method} ${path}${batch}`;
}
