import { SpanKind, SpanStatusCode, context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Context as TraceContext, Span } from '@opentelemetry/api';
import type { JumpCallEvent } from '../upstream/jump-client.js';

/**
 * Optional OpenTelemetry tracing. Spans are made through the API alone, which does nothing until
 * a tracer provider is registered: `OTEL_ENABLED=true` registers one (see `startTracing`), and any
 * other setup (a test's in-memory exporter, an auto-instrumentation agent) works the same way.
 */
const tracer = trace.getTracer('jump-graphql-facade');

/**
 * A span for one GraphQL request, and the context to make the parent of every upstream call it
 * makes. The context is null when no tracer provider is registered (the span is then the API's
 * no-op, with an invalid context): there is no trace to add upstream calls to, and not building one
 * per request saves allocations on the hot path.
 */
export function startOperationSpan(operationName: string | null): {
  span: Span;
  parent: TraceContext | null;
} {
  const span = tracer.startSpan(`graphql ${operationName ?? 'anonymous'}`, {
    kind: SpanKind.SERVER,
    attributes: { 'graphql.operation.name': operationName ?? '' },
  });
  const traced = isSpanContextValid(span.spanContext());

  return { span, parent: traced ? trace.setSpan(context.active(), span) : null };
}

export function endOperationSpan(span: Span, errorCodes: string[]): void {
  span.setAttribute('graphql.error_codes', errorCodes);
  if (errorCodes.length > 0) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(',') });
  }
  span.end();
}

/**
 * Records one finished upstream call as a client span beneath its operation's span; attributes
 * hold no key, id or data. Without a parent (tracing is off, see `startOperationSpan`) it records
 * nothing.
 */
export function recordUpstreamSpan(event: JumpCallEvent, parent: TraceContext | undefined): void {
  if (parent === undefined) {
    return;
  }

  const endTime = Date.now();
  const span = tracer.startSpan(
    `${event.method} ${event.route}`,
    {
      kind: SpanKind.CLIENT,
      startTime: endTime - event.durationMs,
      attributes: {
        'http.request.method': event.method,
        'url.template': event.route,
        'jump.request_id': event.requestId ?? '',
        ...(event.status === null ? {} : { 'http.response.status_code': event.status }),
      },
    },
    parent,
  );
  if (event.status === null || event.status >= 500) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: event.errorKind ?? String(event.status),
    });
  }
  span.end(endTime);
}
