import type { IncomingMessage } from 'node:http';
import { HttpError, quote } from './http-error.js';

/** 1 MiB, the largest body the sandbox parses. */
export const MAX_BODY_BYTES = 1_048_576;

// Past the limit the rest of the body is read and thrown away, so the client is still listening
// when the 413 arrives; past this much more the connection is cut instead.
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The request body as a JSON object, or a 400 / 413 saying what is wrong with it. The body is
 * parsed whatever its Content-Type says (fetch labels a string body text/plain); the header only
 * helps explain a failure.
 */
export async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const bytes = await readBytes(request);
  if (bytes.length === 0) {
    throw new HttpError(400, 'Request body must be a JSON object; it was empty');
  }

  const value = parseJson(bytes, request.headers['content-type']);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }

  return value as Record<string, unknown>;
}

async function readBytes(request: IncomingMessage): Promise<Buffer> {
  const { chunks, size } = await collect(request);
  if (size > MAX_BODY_BYTES) {
    const closing = size > MAX_DRAIN_BYTES ? { headers: { Connection: 'close' } } : {};
    throw new HttpError(413, `Request body must be at most ${MAX_BODY_BYTES} bytes`, closing);
  }

  return Buffer.concat(chunks);
}

/** Reads up to the limit, drains up to the drain limit, and stops listening past that. */
function collect(request: IncomingMessage): Promise<{ chunks: Buffer[]; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: HttpError) => {
      request.off('data', onData);
      if (error) reject(error);
      else resolve({ chunks, size });
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAIN_BYTES) finish();
    };
    const unreadable = new HttpError(400, 'Request body could not be read');
    request.on('data', onData);
    request.once('end', () => finish());
    request.once('error', () => finish(unreadable));
    request.once('close', () => {
      if (!request.complete) finish(unreadable);
    });
  });
}

function parseJson(bytes: Buffer, contentType: string | undefined): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'Request body must be UTF-8 encoded JSON');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, `Request body is not valid JSON${labelled(contentType)}`);
  }
}

function labelled(contentType: string | undefined): string {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === '' || mediaType === 'application/json' || mediaType.endsWith('+json'))
    return '';

  return ` (it was sent as ${quote(contentType ?? '')}; send application/json)`;
}
