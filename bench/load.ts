import autocannon from 'autocannon';
import type { HttpRequest } from './operations.js';

/** One measured load run. Latencies are the bench's own, to the microsecond. */
export interface LoadFigures {
  connections: number;
  seconds: number;
  /** Good answers (2xx, body as expected) per second over the whole run. */
  requestsPerSecond: number;
  meanMs: number;
  p99Ms: number;
  completed: number;
  /** Non-2xx answers, unexpected bodies, socket errors and timeouts. */
  failures: number;
}

/** Whether one answer's body is what a successful read looks like. */
export type BodyCheck = (body: string) => boolean;

export const restBodyCheck: BodyCheck = (body) => body.startsWith('{"data":{');
export const graphqlBodyCheck: BodyCheck = (body) =>
  body.startsWith('{"data":{') && !body.includes('"errors":');

let running: autocannon.Instance | null = null;
let stopped = false;

/** Stops the load run in progress, if any, and refuses any later one (Ctrl+C, the watchdog). */
export function stopLoad(): void {
  stopped = true;
  running?.stop();
}

/**
 * Drives `request` from `connections` keep-alive connections for `seconds`. autocannon's own
 * histogram keeps whole milliseconds, too coarse for sub-millisecond overheads, so every answer's
 * latency is also kept here as the float autocannon measured.
 */
export async function runLoad(
  request: HttpRequest,
  connections: number,
  seconds: number,
  check: BodyCheck,
): Promise<LoadFigures> {
  if (stopped) throw new Error('the bench is stopping');

  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const options: autocannon.Options = {
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      connections,
      duration: seconds,
      verifyBody: (body) => check(String(body ?? '')),
    };
    running = autocannon(options, (error: unknown, result: autocannon.Result) =>
      error ? reject(error) : resolve(result),
    );
    running.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  running = null;
  if (stopped) throw new Error('the bench is stopping');

  const good = result['2xx'] - result.mismatches;

  return {
    connections,
    seconds: result.duration,
    requestsPerSecond: good / result.duration,
    meanMs: mean(latencies),
    p99Ms: percentile(latencies, 0.99),
    completed: good,
    failures: result.non2xx + result.mismatches + result.errors,
  };
}

function mean(values: number[]): number {
  if (values.length === 0) return NaN;

  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return NaN;

  const sorted = Float64Array.from(values).sort();
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);

  return sorted[index] ?? NaN;
}
