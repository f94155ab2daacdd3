import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Context as TraceContext, Span } from '@opentelemetry/api';
import type { JumpCallEvent } from '../upstream/jump-client.js';

/**
 * Optional OpenTelemetry tracing. Spans are made through the API alone, which does nothing until
 * a tracer provider is registered: `OTEL_ENABLED=true` registers one (see `startTracing`), and any
 * other setup (a test's in-memory exporter, an auto-instrumentation agent) works the same way.
 */
const tracer = trace.getTracer('jump-graphql-facade');

/** A span for one GraphQL request; its context is the parent of every upstream call it makes. */
export function startOperationSpan(operationName: string | null): {
  span: Span;
  parent: TraceContext;
} {
  const span = tracer.startSpan(`graphql ${operationName ?? 'anonymous'}`, {
    kind: SpanKind.SERVER,
    attributes: { 'graphql.operation.name': operationName ?? '' },
  });

  return { span, parent: trace.setSpan(context.active(), span) };
}

export function endOperationSpan(span: Span, errorCodes: string[]): void {
  span.setAttribute('graphql.error_codes', errorCodes);
  if (errorCodes.length > 0) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(',') });
  }
  span.end();
}

/** Records one finished upstream call as a client span; attributes hold no key, id or data. */
export function recordUpstreamSpan(event: JumpCallEvent, parent: TraceContext | undefined): void {
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
