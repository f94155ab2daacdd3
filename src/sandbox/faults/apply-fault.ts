import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SandboxCall } from '../sandbox.js';
import {
  standardHeaders,
  writeBytes,
  writeJson,
  type ResponseContext,
} from '../http/write-response.js';
import type { FaultInjector } from './fault-injector.js';
import type { FaultRule, StatusFault } from './fault-rule.js';

export interface FaultExchange {
  request: IncomingMessage;
  response: ServerResponse;
  context: ResponseContext;
  call: SandboxCall;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

const ENVELOPE = JSON.stringify({
  data: [{ id: 'pat_5f2c8e1a9b3d4c6e7f8a9b0c', first_name: 'Ada', last_name: 'Okafor' }],
  pagination: { total: 1, limit: 100, offset: 0, has_more: false },
});

const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Jump</title></head>
<body><h1>We will be back soon</h1><p>Jump is down for scheduled maintenance.</p></body></html>
`;

const PROXY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>proxy</center>
</body>
</html>
`;

/**
 * Applies a fault to one exchange. Answers true when the request must then be handled as usual
 * (a latency has passed, or a close is armed for after the response), false when the fault has
 * taken the exchange over: answered it, withheld the answer until the client left, or reset it.
 */
export async function applyFault(
  rule: FaultRule,
  exchange: FaultExchange,
  injector: FaultInjector,
): Promise<boolean> {
  const { request, response, context, call } = exchange;
  if (rule.fault === 'latency') return wait(rule.ms, response, injector.hold());

  if (rule.fault === 'close-after-response') {
    closeAfterResponse(request, response, rule.afterMs ?? 0);
    return true;
  }
  // The request is answered without being read; its body is drained so it never holds things up.
  request.resume();
  switch (rule.fault) {
    case 'status':
      call.status = rule.status;
      answerStatus(rule, response, context);
      break;
    case 'reset':
      if (!request.socket.destroyed) request.socket.resetAndDestroy();
      break;
    case 'truncated-json':
      writeText(exchange, 200, JSON_TYPE, ENVELOPE.slice(0, Math.floor(ENVELOPE.length / 2)));
      break;
    case 'html':
      writeText(exchange, 200, HTML_TYPE, MAINTENANCE_PAGE);
      break;
    case 'empty-body':
      writeText(exchange, 200, JSON_TYPE, '');
      break;
    case 'non-envelope-json':
      writeText(exchange, 200, JSON_TYPE, '{"status":"ok"}');
      break;
    case 'proxy-502':
      call.status = 502;
      writeProxyPage(response);
      break;
    case 'stall-body':
      call.status = 200;
      response.writeHead(200, standardHeaders(context, { 'Content-Type': JSON_TYPE }));
      response.write(ENVELOPE.slice(0, 9));
      await stall(response, injector.hold());
      break;
    case 'stall-headers':
      await stall(response, injector.hold());
      break;
  }

  return false;
}

/** True once `ms` have passed; false as soon as the client goes away, the timer cleared. */
function wait(ms: number, response: ServerResponse, release: () => void): Promise<boolean> {
  return new Promise((resolve) => {
    const finish = (elapsed: boolean) => {
      clearTimeout(timer);
      response.off('close', onClose);
      release();
      resolve(elapsed);
    };
    const onClose = () => finish(false);
    const timer = setTimeout(() => finish(true), ms);
    response.once('close', onClose);
  });
}

/** Settles when the connection closes: the client left, or the sandbox closed it. */
function stall(response: ServerResponse, release: () => void): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      release();
      resolve();
    };
    if (response.destroyed) finish();
    else response.once('close', finish);
  });
}

/**
 * Closes the socket once the response is written, as a server does to an idle pooled connection;
 * the response itself says nothing of it. A request that arrives on the socket meanwhile is cut.
 */
function closeAfterResponse(request: IncomingMessage, response: ServerResponse, afterMs: number) {
  // Captured now: a finished response lets go of its socket.
  const { socket } = request;
  response.once('finish', () => {
    const timer = setTimeout(() => socket.destroy(), afterMs);
    socket.once('close', () => clearTimeout(timer));
  });
}

function answerStatus(rule: StatusFault, response: ServerResponse, context: ResponseContext) {
  const phrase = STATUS_CODES[rule.status] ?? 'Error';
  const limited = rule.status === 429;
  const retryAfter = rule.retryAfter === undefined ? (limited ? 1 : null) : rule.retryAfter;
  const headers: Record<string, string> = {};
  if (retryAfter !== null) headers['Retry-After'] = String(retryAfter);
  const { limit } = context.rateLimit;
  const shown = limited ? { ...context, rateLimit: { limit, remaining: 0 } } : context;
  const message = `${limited ? 'Rate limit exceeded' : phrase} (a fault injected by the sandbox)`;
  const body =
    rule.shape === 'newer'
      ? {
          data: null,
          meta: { request_id: context.requestId },
          error: { code: limited ? 'RATE_LIMITED' : errorCode(phrase), message },
        }
      : { error: phrase, details: message, request_id: context.requestId };

  writeJson(response, shown, rule.status, body, headers);
}

/** The NEWER upper-snake code for a status without a documented one: `SERVICE_UNAVAILABLE`. */
function errorCode(phrase: string): string {
  return phrase
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function writeText(exchange: FaultExchange, status: number, contentType: string, text: string) {
  const { response, context, call } = exchange;
  call.status = status;
  writeBytes(response, context, status, Buffer.from(text, 'utf8'), { 'Content-Type': contentType });
}

/** A proxy in front of Jump knows nothing of Jump's headers, so none are sent. */
function writeProxyPage(response: ServerResponse): void {
  const content = Buffer.from(PROXY_PAGE, 'utf8');
  response.writeHead(502, { 'Content-Type': HTML_TYPE, 'Content-Length': content.byteLength });
  response.end(content);
}
