import type { Duplex } from 'node:stream';
import type { RateLimitHeaders } from './rate-limiter.js';
import { newRequestId } from './request-id.js';

/**
 * Answers a request Node could not parse with the same flat 400 body as every other error, then
 * closes the connection; a reset connection gets nothing.
 */
export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  rateLimit: RateLimitHeaders,
): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const requestId = newRequestId();
  const body = JSON.stringify({
    error: 'Bad Request',
    details: 'The request could not be parsed as HTTP/1.1',
    request_id: requestId,
  });
  const head = [
    'HTTP/1.1 400 Bad Request',
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    `X-RateLimit-Limit: ${rateLimit.limit}`,
    `X-RateLimit-Remaining: ${rateLimit.remaining}`,
    'X-Response-Time: 0ms',
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
