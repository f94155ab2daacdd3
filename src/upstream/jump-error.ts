/**
 * Why a call to Jump failed. `http` means Jump answered with an error status; the other kinds mean
 * no usable answer arrived.
 */
export type JumpErrorKind = 'http' | 'timeout' | 'unavailable' | 'invalid_response';

export interface JumpFieldError {
  field: string;
  message: string;
}

export interface JumpErrorInit {
  kind: JumpErrorKind;
  status: number | null;
  code: string;
  message: string;
  requestId: string | null;
  fields?: JumpFieldError[];
  retryAfterSeconds?: number | null;
  /** Jump's quota headers, when the error answer carried them. */
  rateLimit?: { limit: number; remaining: number } | null;
}

/**
 * The one error type the upstream client throws. Every documented Jump error body (the OLDER flat
 * and nested shapes and the NEWER envelope), an empty or non-JSON body, and transport failures all
 * end up here, so the GraphQL layer maps a single shape.
 */
export class JumpError extends Error {
  override readonly name = 'JumpError';
  readonly kind: JumpErrorKind;
  readonly status: number | null;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: JumpFieldError[];
  readonly retryAfterSeconds: number | null;
  readonly rateLimit: { limit: number; remaining: number } | null;

  constructor(init: JumpErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.fields = init.fields ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.rateLimit = init.rateLimit ?? null;
  }
}

const REASONS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable_entity',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/**
 * Reads an error response from Jump. `body` is the raw text, which may be empty, HTML or truncated
 * JSON; whatever it holds, the result is a JumpError with the status and the best request id found.
 */
export function parseJumpErrorBody(
  status: number,
  body: string,
  headerRequestId: string | null,
): JumpError {
  const parsed = tryParseJson(body);
  const shape = readErrorShape(parsed);

  return new JumpError({
    kind: 'http',
    status,
    code: shape.code ?? REASONS[status] ?? `http_${status}`,
    message: shape.message ?? `Jump answered HTTP ${status} without an error description`,
    requestId: asRequestId(shape.requestId) ?? asRequestId(headerRequestId),
    fields: shape.fields,
  });
}

/**
 * Jump's request ids look like `req_abc123`. Anything else (too long, spaces, or something shaped
 * like an API key that a misbehaving upstream reflected) is dropped rather than shown to clients.
 */
export function asRequestId(value: string | null): string | null {
  return value !== null && /^[\w.:-]{1,128}$/.test(value) && !/pk_(?:live|test)_/.test(value)
    ? value
    : null;
}

interface ErrorShape {
  code: string | null;
  message: string | null;
  requestId: string | null;
  fields: JumpFieldError[];
}

function readErrorShape(parsed: unknown): ErrorShape {
  const shape: ErrorShape = { code: null, message: null, requestId: null, fields: [] };
  if (!isRecord(parsed)) {
    return shape;
  }

  shape.requestId = stringOrNull(parsed.request_id) ?? readMetaRequestId(parsed.meta);
  shape.fields = readFields(parsed.fields);
  const error = parsed.error;
  if (typeof error === 'string') {
    // OLDER flat body: {"error":"Unauthorized","details":"...","request_id":"req_..."}
    shape.message = stringOrNull(parsed.details) ?? error;
    shape.code = toCode(error);
  } else if (isRecord(error)) {
    // OLDER overview {"error":{"code","message"}} and NEWER {data:null, meta, error:{code,message}}
    shape.code = stringOrNull(error.code);
    shape.message = stringOrNull(error.message) ?? stringOrNull(error.details);
  } else {
    shape.message = stringOrNull(parsed.message);
  }

  return shape;
}

function readMetaRequestId(meta: unknown): string | null {
  return isRecord(meta) ? stringOrNull(meta.request_id) : null;
}

function readFields(value: unknown): JumpFieldError[] {
  if (!Array.isArray(value)) {
    return [];
  }

  return value.flatMap((item) =>
    isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string'
      ? [{ field: item.field, message: item.message }]
      : [],
  );
}

function toCode(reason: string): string {
  return reason
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export function tryParseJson(text: string): unknown {
  if (text.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
