import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

/**
 * Returns Jump's quota headers from the operation's latest upstream answer in the response's
 * `extensions.jumpRateLimit`, so clients can slow down before Jump refuses them.
 */
export function useQuotaExtension(): Plugin<Context> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          const rateLimit = args.contextValue.jump.rateLimit;
          if (!rateLimit || Symbol.asyncIterator in result) {
            return;
          }
          setResult({
            ...result,
            extensions: { ...result.extensions, jumpRateLimit: { ...rateLimit } },
          });
        },
      };
    },
  };
}
