import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { REASON_PHRASES, type HttpError } from './http-error.js';
import type { RateLimitHeaders } from './rate-limiter.js';

/** Per-request facts every response reports in its headers. */
export interface ResponseContext {
  requestId: string;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  rateLimit: RateLimitHeaders;
}

/** Writes a JSON response with the headers every sandbox response carries. */
export function writeJson(
  response: ServerResponse,
  context: ResponseContext,
  status: number,
  body: unknown,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  if (response.headersSent || response.destroyed) return;

  const text = JSON.stringify(body);
  const elapsed = Math.round(performance.now() - context.startedAt);
  response.writeHead(status, {
    ...extraHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Request-Id': context.requestId,
    'X-RateLimit-Limit': String(context.rateLimit.limit),
    'X-RateLimit-Remaining': String(context.rateLimit.remaining),
    'X-Response-Time': `${elapsed}ms`,
  });
  response.end(text);
}

/** The OLDER flat error body: `{"error":"Not Found","details":"…","request_id":"req_…"}`. */
export function errorBody(error: HttpError, requestId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    error: REASON_PHRASES[error.status],
    details: error.details,
    request_id: requestId,
  };
  if (error.fields) body.fields = error.fields;

  return body;
}
