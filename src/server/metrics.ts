import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JumpCallEvent } from '../upstream/jump-client.js';

/** What the operation log records about one GraphQL request, also counted in metrics. */
export interface OperationSummary {
  operationName: string | null;
  durationMs: number;
  errorCodes: string[];
}

/** Operation names come from clients; past this many distinct ones, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;

/**
 * Prometheus metrics for `/metrics`, in a registry of the facade's own (so several facades in one
 * process, as in tests, never collide). No label ever holds a key, an id or patient data: routes
 * are templates such as `/patients/{id}`.
 *
 * Recording only queues the figures; they reach prom-client at the end of the current turn of the
 * event loop (by then the response that produced them has usually been written) or when the
 * registry is read, whichever comes first. Labelling and bucketing cost a few microseconds per
 * figure, which the request itself no longer waits for.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #names = new Set<string>();
  readonly #pendingOperations: OperationSummary[] = [];
  readonly #pendingUpstream: JumpCallEvent[] = [];
  #flushScheduled = false;
  readonly #collect = () => this.#flush();
  readonly #operations = new Counter({
    name: 'jump_facade_operations_total',
    help: 'GraphQL requests by operation name and outcome (ok, or the first error code).',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
    collect: this.#collect,
  });
  readonly #operationSeconds = new Histogram({
    name: 'jump_facade_operation_duration_seconds',
    help: 'Time to answer a GraphQL request, by operation name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
    collect: this.#collect,
  });
  readonly #upstream = new Counter({
    name: 'jump_facade_upstream_requests_total',
    help: 'Calls to Jump by method, route template and status (or the failure kind).',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
    collect: this.#collect,
  });
  readonly #upstreamSeconds = new Histogram({
    name: 'jump_facade_upstream_request_duration_seconds',
    help: 'Time Jump took to answer, by method and route template.',
    labelNames: ['method', 'route'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
    collect: this.#collect,
  });
  readonly #remaining = new Gauge({
    name: 'jump_facade_upstream_rate_limit_remaining',
    help: 'X-RateLimit-Remaining from the latest Jump answer that carried it (any key).',
    registers: [this.registry],
    collect: this.#collect,
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  recordOperation(summary: OperationSummary): void {
    this.#pendingOperations.push(summary);
    this.#scheduleFlush();
  }

  recordUpstream(event: JumpCallEvent): void {
    this.#pendingUpstream.push(event);
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(this.#collect);
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    for (const summary of this.#pendingOperations.splice(0)) {
      this.#countOperation(summary);
    }
    for (const event of this.#pendingUpstream.splice(0)) {
      this.#countUpstream(event);
    }
  }

  #countOperation(summary: OperationSummary): void {
    const operation = this.#label(summary.operationName);
    this.#operations.inc({ operation, outcome: summary.errorCodes[0] ?? 'ok' });
    this.#operationSeconds.observe({ operation }, summary.durationMs / 1_000);
  }

  #countUpstream(event: JumpCallEvent): void {
    // A call the client abandoned is no failure of Jump's, so it is not counted as one.
    const failure = event.errorCode === 'cancelled' ? 'cancelled' : (event.errorKind ?? 'error');
    const status = event.status === null ? failure : String(event.status);
    this.#upstream.inc({ method: event.method, route: event.route, status });
    this.#upstreamSeconds.observe(
      { method: event.method, route: event.route },
      event.durationMs / 1_000,
    );
    if (event.rateLimit) {
      this.#remaining.set(event.rateLimit.remaining);
    }
  }

  #label(name: string | null): string {
    if (name === null) {
      return 'anonymous';
    }
    if (this.#names.has(name)) {
      return name;
    }
    if (this.#names.size < MAX_OPERATION_NAMES) {
      this.#names.add(name);

      return name;
    }

    return 'other';
  }
}
