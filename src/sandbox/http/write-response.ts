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

/** Writes a file inline, under the name given, with the headers every sandbox response carries. */
export function writeFile(
  response: ServerResponse,
  context: ResponseContext,
  file: FileReply['file'],
): void {
  const headers = {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.fileName),
  };
  writeBytes(response, context, 200, file.content, headers);
}

function writeBytes(
  response: ServerResponse,
  context: ResponseContext,
  status: number,
  content: Buffer,
  headers: Readonly<Record<string, string>>,
): void {
  if (response.headersSent || response.destroyed) return;

  const elapsed = Math.round(performance.now() - context.startedAt);
  response.writeHead(status, {
    ...headers,
    'Content-Length': content.byteLength,
    'Cache-Control': 'no-store',
    'X-Request-Id': context.requestId,
    'X-RateLimit-Limit': String(context.rateLimit.limit),
    'X-RateLimit-Remaining': String(context.rateLimit.remaining),
    'X-Response-Time': `${elapsed}ms`,
  });
  response.end(content);
}

/** `inline` with an ASCII fallback name and the exact name in RFC 5987 form. */
function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );

  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
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
