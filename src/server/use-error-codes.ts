import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { readBearerKey, redactKey } from '../auth/api-key.js';

/**
 * Gives every error an `extensions.code`, as the README promises, and takes out what only helps an
 * attacker. graphql-js and GraphQL Armor report some refusals (bad variables, limits) with a
 * message alone; clients branch on codes. Yoga attaches the parser's own error to a malformed
 * body, whose message quotes the body back; and in production the "did you mean" hints that
 * graphql-js adds to enum values and input fields would map the schema for someone who cannot
 * introspect it. Last, the caller's own key is taken out of every message and extension, in
 * whatever case or spacing an upstream may have reflected it.
 */
export function useErrorCodes(options: { production: boolean }): Plugin {
  return {
    onResultProcess({ result, setResult, request }) {
      if (Array.isArray(result) || !isPlainResult(result) || !result.errors?.length) {
        return;
      }
      const rejected = result.data === undefined;
      const key = readBearerKey(request.headers.get('authorization')).key;
      setResult({
        ...result,
        errors: result.errors.map((error) =>
          withoutKey(cleaned(error, rejected, options.production), key),
        ),
      });
    },
  };
}

function isPlainResult(result: unknown): result is { data?: unknown; errors?: GraphQLError[] } {
  return typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result);
}

function cleaned(error: GraphQLError, rejected: boolean, production: boolean): GraphQLError {
  const { originalError: internal, ...extensions } = error.extensions ?? {};
  const code = codeFor(error.message, extensions.code, rejected);
  const message = production ? withoutSuggestions(error.message) : error.message;
  if (code === extensions.code && message === error.message) {
    if (internal !== undefined) {
      hideInternalError(error.extensions as Record<string, unknown>);
    }

    return error;
  }

  return rewritten(error, message, { ...extensions, code });
}

/** The same error with another message and extensions; everything else kept. */
function rewritten(
  error: GraphQLError,
  message: string,
  extensions: GraphQLError['extensions'],
): GraphQLError {
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions,
  });
}

/**
 * Changed in place, because Yoga reads the refused request's HTTP status from this very error, and
 * took the internal error's presence as the sign to answer 400 rather than 200; `spec: false`
 * keeps the 400 once it is gone.
 */
function hideInternalError(extensions: Record<string, unknown>): void {
  delete extensions.originalError;
  const http = extensions.http as { spec?: boolean } | undefined;
  if (http?.spec) {
    extensions.http = { ...http, spec: false };
  }
}

function codeFor(message: string, given: unknown, rejected: boolean): string {
  // The token limit is enforced inside the parser, which reports it as a syntax error.
  if (/limit of \d+ exceeded|Token limit/i.test(message)) {
    return 'QUERY_LIMIT_EXCEEDED';
  }
  if (typeof given === 'string') {
    return given;
  }
  if (message.startsWith('Required CSRF header')) {
    return 'CSRF_HEADER_REQUIRED';
  }
  if (message.startsWith('Variable "$')) {
    return 'BAD_USER_INPUT';
  }
  if (message.startsWith('Syntax Error')) {
    return 'GRAPHQL_PARSE_FAILED';
  }

  return rejected ? 'GRAPHQL_VALIDATION_FAILED' : 'INTERNAL_SERVER_ERROR';
}

function withoutKey(error: GraphQLError, key: string | null): GraphQLError {
  const message = redactKey(error.message, key);
  const extensions = redactStrings(error.extensions, key, 0) as GraphQLError['extensions'];
  if (message === error.message && extensions === error.extensions) {
    return error;
  }

  return rewritten(error, message, extensions);
}

/** The same value with keys taken out of its strings; the very same object when none held one. */
function redactStrings(value: unknown, key: string | null, depth: number): unknown {
  if (typeof value === 'string') {
    return redactKey(value, key);
  }
  if (typeof value !== 'object' || value === null || depth > 5) {
    return value;
  }

  let changed = false;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  for (const [name, item] of Object.entries(value)) {
    const redacted = redactStrings(item, key, depth + 1);
    changed ||= redacted !== item;
    (copy as Record<string, unknown>)[name] = redacted;
  }

  return changed ? copy : value;
}

function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean [^?]*\?/g, '');
}
