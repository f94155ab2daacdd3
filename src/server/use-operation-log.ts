import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import type { OperationSummary } from './metrics.js';
import { endOperationSpan, startOperationSpan } from './tracing.js';
import type { Span, Context as TraceContext } from '@opentelemetry/api';

interface Started {
  at: number;
  operationName: string | null;
  span: Span;
  context?: Context;
}

/** Where each request's trace span lives, so its upstream calls can be recorded beneath it. */
export type TraceParents = WeakMap<Request, TraceContext>;

const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * One structured line and one trace span per GraphQL request, including those refused before they
 * run: name, duration, upstream calls, cache hits and error codes. Variables, results and headers are never
 * logged, so neither keys nor patient data can leak here.
 */
export function useOperationLog(
  logger: Logger,
  traceParents: TraceParents,
  onOperation?: (summary: OperationSummary) => void,
): Plugin<Context> {
  const started = new WeakMap<Request, Started>();

  return {
    onParams({ params, request }) {
      const named = params.operationName ?? OPERATION_NAME.exec(params.query ?? '')?.[1] ?? null;
      const operationName = named?.slice(0, 100) ?? null;
      const { span, parent } = startOperationSpan(operationName);
      started.set(request, { at: performance.now(), operationName, span });
      traceParents.set(request, parent);
    },
    onExecute({ args }) {
      const entry = started.get(args.contextValue.request);
      if (entry) {
        entry.context = args.contextValue;
      }
    },
    onResultProcess({ request, result, serverContext }) {
      const entry = started.get(request);
      if (!entry) {
        return;
      }
      const errors = Array.isArray(result) ? [] : ((result as { errors?: unknown[] }).errors ?? []);
      const codes = errors.map((error) =>
        String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'UNKNOWN'),
      );
      const summary = {
        operationName: entry.operationName,
        durationMs: Math.round((performance.now() - entry.at) * 100) / 100,
        errorCodes: [...new Set(codes)],
      };
      logger.info(
        {
          requestId: (serverContext as { requestId?: string }).requestId,
          ...summary,
          upstreamCalls: entry.context?.jump.calls ?? 0,
          cacheHits: entry.context?.jump.cacheHits ?? 0,
          errorCount: errors.length,
        },
        'operation',
      );
      onOperation?.(summary);
      endOperationSpan(entry.span, summary.errorCodes);
    },
  };
}
