// The delay proxy between the GraphQL servers and the sandbox (a child process of `npm run bench`).
// It forwards every request unchanged and holds each response for the current delay before
// sending it on, standing in for the network distance to Jump. The bench sets the delay and reads
// which requests arrived over IPC; PROXY_TARGET is the sandbox's origin.

import { Agent, createServer, request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProxyCommand, ProxyReply, RecordedRequest } from './proxy-protocol.js';

// Headers that describe one hop's connection, not the message, and so are not passed on.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade'];

const target = new URL(process.env.PROXY_TARGET ?? '');
const agent = new Agent({ keepAlive: true, maxSockets: 512 });
let delayMs = 0;
let recording: RecordedRequest[] | null = null;

function reply(message: ProxyReply): void {
  process.send?.(message);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];

  return copy;
}

function forward(req: IncomingMessage, res: ServerResponse): void {
  recording?.push({ method: req.method ?? 'GET', url: req.url ?? '/' });
  const options = {
    host: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: withoutHopByHop(req.headers),
    agent,
  };
  const upstream = request(options, (answer) => {
    const send = () => {
      res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
      answer.pipe(res);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('delay proxy: the sandbox did not answer');
  });
  req.pipe(upstream);
}

function obey(command: ProxyCommand): void {
  switch (command.type) {
    case 'set-delay':
      delayMs = command.ms;
      reply({ type: 'delay-set', ms: delayMs });
      break;
    case 'start-recording':
      recording = [];
      reply({ type: 'recording-started' });
      break;
    case 'take-recording':
      reply({ type: 'recording', requests: recording ?? [] });
      recording = null;
      break;
  }
}

const server = createServer(forward);
server.keepAliveTimeout = 30_000;
process.on('message', (command: ProxyCommand) => obey(command));
// The bench going away, however it went, leaves nothing for this process to do.
process.on('disconnect', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));
process.once('SIGINT', () => process.exit(0));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  reply({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
