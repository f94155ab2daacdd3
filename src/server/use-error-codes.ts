import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Gives every error an `extensions.code`, as the README promises. graphql-js and GraphQL Armor
 * report some refusals (bad variables, limits) with a message alone; clients branch on codes.
 */
export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !isPlainResult(result) || !result.errors?.length) {
        return;
      }
      const rejected = result.data === undefined;
      setResult({ ...result, errors: result.errors.map((error) => withCode(error, rejected)) });
    },
  };
}

function isPlainResult(result: unknown): result is { data?: unknown; errors?: GraphQLError[] } {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);
}

function withCode(error: GraphQLError, rejected: boolean): GraphQLError {
  if (error.extensions?.code) {
    return error;
  }

  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: codeFor(error.message, rejected) },
  });
}

function codeFor(message: string, rejected: boolean): string {
  if (/limit of \d+ exceeded|Token limit/i.test(message)) {
    return 'QUERY_LIMIT_EXCEEDED';
  }
  if (message.startsWith('Variable "$')) {
    return 'BAD_USER_INPUT';
  }
  if (message.startsWith('Syntax Error')) {
    return 'GRAPHQL_PARSE_FAILED';
  }

  return rejected ? 'GRAPHQL_VALIDATION_FAILED' : 'INTERNAL_SERVER_ERROR';
}
