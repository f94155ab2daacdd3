import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { redactKeys } from '../auth/api-key.js';
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
  /** Set once the operation passed validation and started executing. */
  executed?: boolean;
}

/**
 * Where each request's trace span lives, so its upstream calls can be recorded beneath it. A
 * request has no entry when tracing is off.
 */
export type TraceParents = WeakMap<Request, TraceContext>;

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * A name fit for a log line or a metric label: a GraphQL name, and never a key. Anything else a
 * client sends as `operationName` (free text, a key, patient details) is dropped.
 */
function loggableName(name: unknown): string | null {
  return typeof name === 'string' && GRAPHQL_NAME.test(name) ? redactKeys(name) : null;
}

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
      const operationName = loggableName(params.operationName);
      const { span, parent } = startOperationSpan(operationName);
      started.set(request, { at: performance.now(), operationName, span });
      if (parent) {
        traceParents.set(request, parent);
      }
    },
    onValidate({ context, params }) {
      const entry = started.get((context as { request: Request }).request);
      if (entry) {
        // The operation's name from the parsed document, never from the raw text, whose comments
        // and strings are the client's to fill.
        const operation = getOperationAST(params.documentAST, context.params?.operationName);
        rename(entry, loggableName(operation?.name?.value));
      }
    },
    onExecute({ args }) {
      const entry = started.get(args.contextValue.request);
      if (entry) {
        entry.context = args.contextValue;
        entry.executed = true;
      }
    },
    onResultProcess({ request, result, serverContext }) {
      const entry = started.get(request);
      if (!entry) {
        return;
      }
      // Dropped here rather than left to the WeakMap: the entry holds the whole operation context
      // (loaders, upstream answers), and under load a weakly held entry outlives its request by a
      // garbage collection or two, which measurably raised both memory and GC time.
      started.delete(request);
      const errors = Array.isArray(result) ? [] : ((result as { errors?: unknown[] }).errors ?? []);
      const summary = {
        operationName: entry.operationName,
        durationMs: Math.round((performance.now() - entry.at) * 100) / 100,
        errorCodes: errors.length === 0 ? [] : errorCodesOf(errors),
      };
      if (logger.isLevelEnabled('info')) {
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
      }
      // Only operations that ran name a metric label: otherwise junk names sent with refused
      // requests would use up the labels the real operations need.
      onOperation?.(entry.executed ? summary : { ...summary, operationName: null });
      endOperationSpan(entry.span, summary.errorCodes);
    },
  };
}

function rename(entry: Started, name: string | null): void {
  if (name === entry.operationName) {
    return;
  }

  entry.operationName = name;
  entry.span.updateName(`graphql ${name ?? 'anonymous'}`);
  entry.span.setAttribute('graphql.operation.name', name ?? '');
}

function errorCodesOf(errors: unknown[]): string[] {
  const codes = errors.map((error) =>
    String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'UNKNOWN'),
  );

  return [...new Set(codes)];
}
