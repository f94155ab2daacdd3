import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { REASON_PHRASES, type HttpError } from './http-error.js';
import type { RateLimitHeaders } from './rate-limiter.js';
import type { FileReply } from './reply.js';

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
  const text = JSON.stringify(body);
  const headers = { ...extraHeaders, 'Content-Type': 'application/json; charset=utf-8' };
  writeBytes(response, context, status, Buffer.from(text, 'utf8'), headers);
}

/**
 * Writes a file under the name given, with the headers every sandbox response carries. A file
 * holds what a caller wrote, so a browser must take its type as given, run nothing in it and
 * keep no copy: anyone holding the link could otherwise plant a page on the sandbox's origin.
 */
export function writeFile(
  response: ServerResponse,
  context: ResponseContext,
  file: FileReply['file'],
): void {
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.disposition, file.fileName),
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  };
  writeBytes(response, context, 200, file.content, headers);
}

/** Writes `content` whole, with `headers` and the headers every sandbox response carries. */
export function writeBytes(
  response: ServerResponse,
  context: ResponseContext,
  status: number,
  content: Buffer,
  headers: Readonly<Record<string, string>>,
): void {
  if (response.headersSent || response.destroyed) return;

  response.writeHead(status, {
    ...standardHeaders(context, headers),
    'Content-Length': content.byteLength,
  });
  response.end(content);
}

/** `headers` with what every sandbox response carries: the request id, quota and timing. */
export function standardHeaders(
  context: ResponseContext,
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  const elapsed = Math.round(performance.now() - context.startedAt);

  return {
    'Cache-Control': 'no-store',
    ...headers,
    'X-Content-Type-Options': 'nosniff',
    'X-Request-Id': context.requestId,
    'X-RateLimit-Limit': String(context.rateLimit.limit),
    'X-RateLimit-Remaining': String(context.rateLimit.remaining),
    'X-Response-Time': `${elapsed}ms`,
  };
}

/**
 * The disposition and a quoted name of letters, digits and `._-()+,` and spaces only; anything
 * else becomes `_`. No `filename*`: a UTF-8 name is not worth a header a client could misparse.
 */
function contentDisposition(disposition: 'inline' | 'attachment', fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9 ._()+,-]/g, '_');

  return `${disposition}; filename="${safe}"`;
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
