import { GraphQLError } from 'graphql';
import { JumpError } from '../upstream/jump-error.js';
import { CallBudgetExceeded } from '../upstream/jump-session.js';

/** The stable codes in `extensions.code`; the README's error table lists the same set. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'UPSTREAM_BUDGET_EXCEEDED'
  | 'CANCELLED';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'BAD_USER_INPUT',
  422: 'BAD_USER_INPUT',
  429: 'RATE_LIMITED',
  502: 'UPSTREAM_UNAVAILABLE',
  503: 'UPSTREAM_UNAVAILABLE',
  504: 'UPSTREAM_UNAVAILABLE',
};

const CODE_BY_KIND: Record<Exclude<JumpError['kind'], 'http'>, ErrorCode> = {
  timeout: 'UPSTREAM_TIMEOUT',
  unavailable: 'UPSTREAM_UNAVAILABLE',
  invalid_response: 'UPSTREAM_ERROR',
};

/**
 * Maps a failure of a field that needs `scope` to the error the client sees. Upstream errors get a
 * stable code and Jump's `request_id`; anything else is returned unchanged, to be masked at the
 * edge if it is not already a GraphQLError. Keys Jump may echo are taken out at the edge too, in
 * `useErrorCodes`, for every error alike.
 */
export function toGraphQLError(error: unknown, scope: string): unknown {
  if (error instanceof CallBudgetExceeded) {
    return new GraphQLError(error.message, {
      extensions: { code: 'UPSTREAM_BUDGET_EXCEEDED', maxUpstreamCalls: error.budget },
    });
  }
  if (!(error instanceof JumpError)) {
    return error;
  }

  const code = codeFor(error);
  const extensions: Record<string, unknown> = {
    code,
    request_id: error.requestId,
    upstreamStatus: error.status,
  };
  if (code === 'FORBIDDEN') {
    extensions.requiredScope = scope;
    // Jump may refuse for another reason than the scope (an address allow-list, say).
    extensions.upstreamMessage = bounded(error.message);
  }
  if (code === 'BAD_USER_INPUT' && error.fields.length > 0) {
    extensions.fields = error.fields.slice(0, MAX_FIELD_ERRORS).map((item) => ({
      field: bounded(item.field),
      message: bounded(item.message),
    }));
  }
  if (code === 'RATE_LIMITED' && error.retryAfterSeconds !== null) {
    extensions.retryAfter = error.retryAfterSeconds;
  }

  return new GraphQLError(bounded(messageFor(code, error, scope)), { extensions });
}

/** Jump's texts reach clients, so a runaway answer must not become a runaway error. */
const MAX_TEXT = 500;
const MAX_FIELD_ERRORS = 50;

function bounded(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}…`;
}

function codeFor(error: JumpError): ErrorCode {
  // Only logs and metrics see it, since the client has gone; it is no fault of Jump's.
  if (error.code === 'cancelled') {
    return 'CANCELLED';
  }
  if (error.kind !== 'http') {
    return CODE_BY_KIND[error.kind];
  }

  return CODE_BY_STATUS[error.status ?? 0] ?? 'UPSTREAM_ERROR';
}

function messageFor(code: ErrorCode, error: JumpError, scope: string): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return `Jump refused the API key: ${error.message}`;
    case 'FORBIDDEN':
      return `The API key lacks the ${scope} scope this field requires`;
    case 'NOT_FOUND':
    case 'CONFLICT':
      return error.message;
    case 'BAD_USER_INPUT':
      return `Jump rejected the input: ${error.message}`;
    case 'RATE_LIMITED':
      return 'Jump’s rate limit for this API key is exhausted; retry later';
    case 'UPSTREAM_TIMEOUT':
      return error.message;
    case 'UPSTREAM_UNAVAILABLE':
      return `Jump is unavailable (${error.status === null ? error.message : `HTTP ${error.status}`})`;
    case 'UPSTREAM_ERROR':
      return `Jump answered unexpectedly (${error.status === null ? error.code : `HTTP ${error.status}`})`;
    case 'UPSTREAM_BUDGET_EXCEEDED':
    case 'CANCELLED':
      return error.message;
  }
}

/** The client sent something the facade refuses before any upstream call. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
  });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', request_id: null },
  });
}
