import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Send the headers and the first bytes of the body, then nothing more. */
  stallBody?: boolean;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** The caller hung up before the reply was sent. */
  cancelled: boolean;
}

/**
 * A stand-in upstream that answers from a script, for shapes the sandbox never produces (the NEWER
 * envelope, other error bodies, garbage). Every reply must be used: `assertDrained` fails a test
 * that scripted more than it asked for.
 */
export async function startScriptedUpstream() {
  const replies: ScriptedReply[] = [];
  let handler: ((request: ReceivedRequest) => ScriptedReply) | null = null;
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => void answer(req, res));

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const entry: ReceivedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      cancelled: false,
    };
    received.push(entry);
    res.on('close', () => {
      entry.cancelled ||= !res.writableEnded;
    });
    const reply = handler ? handler(entry) : replies.shift();
    if (!reply) {
      res.writeHead(599).end('no scripted reply left');

      return;
    }
    if (reply.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    }
    if (res.destroyed) {
      return;
    }
    if (reply.reset) {
      req.socket.destroy();

      return;
    }
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    if (reply.stallBody) {
      res.write(body.slice(0, 1));

      return;
    }
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/functions/v1/api-v1`,
    received,
    reply(...next: ScriptedReply[]) {
      replies.push(...next);
    },
    /** Answers every request from `answer` instead of the queue. */
    handle(answer: (request: ReceivedRequest) => ScriptedReply) {
      handler = answer;
    },
    assertDrained() {
      if (replies.length > 0) {
        throw new Error(`${replies.length} scripted replies were never requested`);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
