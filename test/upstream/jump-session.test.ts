import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JumpClient } from '../../src/upstream/jump-client.js';
import { JumpError } from '../../src/upstream/jump-error.js';
import { JumpSession } from '../../src/upstream/jump-session.js';
import { SharedReadCache } from '../../src/upstream/shared-read-cache.js';
import { startScriptedUpstream } from '../support/scripted-upstream.js';

const KEY = 'pk_test_session_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
let client: JumpClient;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  client = new JumpClient({
    baseUrl: upstream.url,
    timeouts: { connectMs: 2_000, headersMs: 2_000, bodyMs: 2_000 },
    deadlineMs: 2_000,
  });
});
afterEach(() => {
  upstream.assertDrained();
  upstream.received.length = 0;
});
afterAll(async () => {
  await client.close();
  await upstream.close();
});

const created = { body: { data: { id: 'x' } } };
const headerOf = (index: number, name: string) => upstream.received[index]?.headers[name];

describe('idempotency keys', () => {
  it('sends the client’s key on the first create and numbered keys on later ones', async () => {
    const session = new JumpSession(client, { apiKey: KEY, idempotencyKey: 'booking-42' });
    upstream.reply(created, created, created, created);
    await session.write('POST', { route: '/patients' }, { first_name: 'A' });
    await session.write('PATCH', { route: '/patients/{id}', params: { id: 'x' } }, {});
    await session.write('POST', { route: '/holds' }, {});
    await session.write('POST', { route: '/holds/{id}/confirm', params: { id: 'x' } }, {});

    expect([0, 1, 2, 3].map((index) => headerOf(index, 'idempotency-key'))).toEqual([
      'booking-42',
      undefined,
      'booking-42#2',
      'booking-42#3',
    ]);
  });

  it('repeats the same keys when the same operation is sent again with the same key', async () => {
    upstream.reply(created, created, created, created);
    for (const attempt of [1, 2]) {
      const session = new JumpSession(client, { apiKey: KEY, idempotencyKey: 'retry-me' });
      await session.write('POST', { route: '/patients' }, { attempt });
      await session.write('POST', { route: '/patients' }, { attempt });
    }

    expect(upstream.received.map((request) => request.headers['idempotency-key'])).toEqual([
      'retry-me',
      'retry-me#2',
      'retry-me',
      'retry-me#2',
    ]);
  });

  it('gives every create its own random key when the client sent none', async () => {
    const session = new JumpSession(client, { apiKey: KEY });
    upstream.reply(created, created, { body: { data: [] } });
    await session.write('POST', { route: '/patients' }, {});
    await session.write('POST', { route: '/patients' }, {});
    await session.read({ route: '/patients' });

    expect(headerOf(0, 'idempotency-key')).toMatch(UUID);
    expect(headerOf(1, 'idempotency-key')).toMatch(UUID);
    expect(headerOf(0, 'idempotency-key')).not.toBe(headerOf(1, 'idempotency-key'));
    expect(headerOf(2, 'idempotency-key')).toBeUndefined();
  });
});

describe('the operation’s deadline', () => {
  it('is shared by every call of the operation, so a late call fails without reaching Jump', async () => {
    const session = new JumpSession(client, { apiKey: KEY, deadlineMs: 300 });
    upstream.reply({ delayMs: 400, body: { data: [] } });
    const first = await session.read({ route: '/patients' }).catch((error: unknown) => error);
    const second = await session.read({ route: '/clinicians' }).catch((error: unknown) => error);

    expect(first).toBeInstanceOf(JumpError);
    expect(first).toMatchObject({ kind: 'timeout', code: 'deadline' });
    expect(second).toMatchObject({ kind: 'timeout', code: 'deadline' });
    expect(upstream.received).toHaveLength(1);
  });

  it('sends the facade’s request id with every call', async () => {
    const session = new JumpSession(client, { apiKey: KEY, correlationId: 'fac_123' });
    upstream.reply({ body: { data: [] } }, created);
    await session.read({ route: '/patients' });
    await session.write('POST', { route: '/patients' }, {});

    expect([headerOf(0, 'x-request-id'), headerOf(1, 'x-request-id')]).toEqual([
      'fac_123',
      'fac_123',
    ]);
  });
});

describe('a key Jump refuses', () => {
  const refused = { status: 401, body: { error: 'Unauthorized', request_id: 'req_no' } };

  it('costs one call per operation, however many fields ask, when Jump has not seen it lately', async () => {
    const acceptedKeys = new SharedReadCache<true>({ ttlMs: 300_000, maxEntries: 10_000 });
    const session = new JumpSession(client, { apiKey: 'pk_test_made_up', acceptedKeys });
    upstream.reply(refused);
    const routes = ['/patients', '/clinicians', '/locations', '/problems', '/documents'];
    const answers = await Promise.allSettled(routes.map((route) => session.read({ route })));

    expect(upstream.received).toHaveLength(1);
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 'rejected', reason: { status: 401 } });
    }
  });

  it('lets a key Jump has accepted send its calls at once, without waiting on the first', async () => {
    const acceptedKeys = new SharedReadCache<true>({ ttlMs: 300_000, maxEntries: 10_000 });
    acceptedKeys.set(SharedReadCache.keyIdentity(KEY), true);
    const session = new JumpSession(client, { apiKey: KEY, acceptedKeys });
    let inFlight = 0;
    let most = 0;
    upstream.handle(() => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => (inFlight -= 1), 50);

      return { delayMs: 50, body: { data: [] } };
    });
    await Promise.all(
      ['/patients', '/clinicians', '/locations'].map((route) => session.read({ route })),
    );

    expect(most).toBe(3);
  });

  it('waits for the first answer of an unknown key, then sends the rest together', async () => {
    const acceptedKeys = new SharedReadCache<true>({ ttlMs: 300_000, maxEntries: 10_000 });
    const session = new JumpSession(client, { apiKey: 'pk_test_new_key', acceptedKeys });
    const arrivals: number[] = [];
    upstream.handle(() => {
      arrivals.push(performance.now());

      return { delayMs: 100, body: { data: [] } };
    });
    const routes = ['/patients', '/clinicians', '/locations'];
    await Promise.all(routes.map((route) => session.read({ route })));
    const [first = 0, second = 0, third = 0] = arrivals;

    expect(arrivals).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(90);
    expect(Math.abs(third - second)).toBeLessThan(50);
    expect(acceptedKeys.has(SharedReadCache.keyIdentity('pk_test_new_key'))).toBe(true);
  });
});
