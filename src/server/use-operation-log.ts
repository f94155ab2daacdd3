import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';
import type { Context } from '../graphql/context.js';

/**
 * One structured line per executed operation: name, duration, upstream calls and error codes.
 * Variables, results and headers are never logged, so neither keys nor patient data can leak here.
 */
export function useOperationLog(logger: Logger): Plugin<Context> {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const context = args.contextValue;

      return {
        onExecuteDone({ result }) {
          const errors = 'errors' in result && Array.isArray(result.errors) ? result.errors : [];
          logger.info(
            {
              requestId: context.requestId,
              operationName:
                getOperationAST(args.document, args.operationName)?.name?.value ?? null,
              durationMs: Math.round((performance.now() - started) * 100) / 100,
              upstreamCalls: context.jump.calls,
              errorCodes: [
                ...new Set(errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN'))),
              ],
              errorCount: errors.length,
            },
            'operation',
          );
        },
      };
    },
  };
}
