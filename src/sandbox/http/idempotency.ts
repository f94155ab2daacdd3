import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { HttpError, quote } from './http-error.js';
import type { JsonReply, Reply } from './reply.js';

/** How long a key is remembered from its first use, on the sandbox's clock (jump-api.md §1.9). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/** Keys remembered at once; past this the oldest is forgotten first. */
export const MAX_IDEMPOTENCY_KEYS = 10_000;

/** Marks a response that repeats a remembered one rather than handling the request again. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** What a key is scoped to: the caller's API key, the endpoint, and the key itself. */
export interface IdempotencyScope {
  /** The caller's bearer token; only ever kept hashed. */
  token: string;
  method: string;
  /** The still-encoded path after the base path, so each record's action is its own endpoint. */
  path: string;
  key: string;
}

type Entry =
  | { state: 'processing'; since: number }
  | { state: 'done'; since: number; fingerprint: string; reply: JsonReply };

const VISIBLE_ASCII = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header, undefined when absent, or a 400 when it is not a valid key. */
export function readIdempotencyKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['idempotency-key'];
  if (header === undefined) return undefined;

  // Node joins a header sent twice with ", ", which the pattern then refuses.
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (VISIBLE_ASCII.test(value)) return value;

  throw new HttpError(
    400,
    `Idempotency-Key must be 1 to 255 visible ASCII characters; received ${quote(value)}`,
  );
}

/**
 * Jump's NEWER idempotency for creates (jump-api.md §1.9). The first request with a key is
 * handled and, if it succeeds, its answer remembered for 24 hours; the same key and the same JSON
 * body get that answer again without anything being created; another body, or a request while
 * the first is still being handled, gets 409. Failures are not remembered: every create checks
 * before it writes, so a failed request changed nothing and may be sent again with the same key.
 */
export class IdempotencyKeys {
  readonly #entries = new Map<string, Entry>();
  readonly #capacity: number;

  constructor(capacity = MAX_IDEMPOTENCY_KEYS) {
    this.#capacity = capacity;
  }

  /** Keys remembered now, those still being handled included. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * `handle` run on the body `readBody` gives, at most once per scope while the key lives.
   * `now` is the sandbox clock for this request, in epoch milliseconds.
   */
  async run(
    scope: IdempotencyScope,
    now: number,
    readBody: () => Promise<Record<string, unknown>>,
    handle: (body: Record<string, unknown>) => Reply | Promise<Reply>,
  ): Promise<Reply> {
    const id = hash(JSON.stringify([scope.token, scope.method, scope.path, scope.key]));
    const known = this.#live(id, now);
    if (known?.state === 'processing') {
      throw new HttpError(
        409,
        'A request with this Idempotency-Key is still being processed; retry once it has finished',
      );
    }
    if (known) return replay(known, await readBody());

    const claim: Entry = { state: 'processing', since: now };
    this.#set(id, claim);
    try {
      const body = await readBody();
      const reply = await handle(body);
      if ('body' in reply && this.#entries.get(id) === claim) {
        const remembered = { status: reply.status, body: structuredClone(reply.body) };
        this.#entries.set(id, {
          state: 'done',
          since: now,
          fingerprint: fingerprint(body),
          reply: remembered,
        });
      }

      return reply;
    } finally {
      if (this.#entries.get(id) === claim) this.#entries.delete(id);
    }
  }

  /** The entry for `id` unless it has expired, in which case it is forgotten. */
  #live(id: string, now: number): Entry | undefined {
    const entry = this.#entries.get(id);
    if (entry && now - entry.since >= IDEMPOTENCY_KEY_TTL_MS) {
      this.#entries.delete(id);
      return undefined;
    }

    return entry;
  }

  #set(id: string, entry: Entry): void {
    this.#entries.set(id, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;

      this.#entries.delete(oldest);
    }
  }
}

function replay(entry: Extract<Entry, { state: 'done' }>, body: Record<string, unknown>): Reply {
  if (fingerprint(body) !== entry.fingerprint) {
    throw new HttpError(409, 'Idempotency key already used with a different request body');
  }

  return { ...entry.reply, headers: { [REPLAYED_HEADER]: 'true' } };
}

/**
 * The same for bodies that are the same JSON, whatever their key order or spacing: a client that
 * re-serialises its retry has not changed its request.
 */
function fingerprint(body: unknown): string {
  return hash(canonicalJson(body));
}

/** JSON with every object's keys in sorted order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;

  if (typeof value !== 'object' || value === null) return JSON.stringify(value);

  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);

  return `{${members.join(',')}}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
