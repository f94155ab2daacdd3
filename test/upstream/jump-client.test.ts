import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JumpClient } from '../../src/upstream/jump-client.js';
import type { JumpCallEvent } from '../../src/upstream/jump-client.js';
import { JumpError } from '../../src/upstream/jump-error.js';
import { startScriptedUpstream } from '../support/scripted-upstream.js';

const KEY = 'pk_test_client_key';
const TIMEOUTS = { connectMs: 500, headersMs: 500, bodyMs: 500 };
let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
let client: JumpClient;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  client = new JumpClient({ baseUrl: `${upstream.url}/`, timeouts: TIMEOUTS, deadlineMs: 2_000 });
});
afterEach(() => {
  upstream.assertDrained();
  upstream.received.length = 0;
});
afterAll(async () => {
  await client.close();
  await upstream.close();
});

async function failure(promise: Promise<unknown>): Promise<JumpError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JumpError);

  return error as JumpError;
}

const get = (route = '/patients', params?: Record<string, string>) =>
  client.request({ method: 'GET', route, params, apiKey: KEY });

describe('requests', () => {
  it('passes the caller’s key through unchanged as a bearer token and asks for JSON', async () => {
    upstream.reply({ body: { data: [] } });
    await get();

    expect(upstream.received[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(upstream.received[0]?.headers.accept).toBe('application/json');
  });

  it('sends the idempotency key and the facade’s request id when given, and neither otherwise', async () => {
    upstream.reply({ body: { data: { id: 'p1' } } }, { body: { data: [] } });
    await client.request({
      method: 'POST',
      route: '/patients',
      body: {},
      apiKey: KEY,
      idempotencyKey: 'order-7',
      correlationId: 'fac_abc',
    });
    await get();

    expect(upstream.received[0]?.headers['idempotency-key']).toBe('order-7');
    expect(upstream.received[0]?.headers['x-request-id']).toBe('fac_abc');
    expect(upstream.received[1]?.headers['idempotency-key']).toBeUndefined();
    expect(upstream.received[1]?.headers['x-request-id']).toBeUndefined();
  });

  it('keeps the base URL’s path prefix and encodes every id as one path segment', async () => {
    const ids = ['../admin', 'a?b=1', 'a#b', '100%', 'ünï', 'a/b', 'x y'];
    upstream.reply(...ids.map(() => ({ body: { data: { id: 'x' } } })));
    for (const id of ids) {
      await get('/patients/{id}', { id });
    }

    expect(upstream.received.map((request) => request.url)).toEqual([
      '/functions/v1/api-v1/patients/..%2Fadmin',
      '/functions/v1/api-v1/patients/a%3Fb%3D1',
      '/functions/v1/api-v1/patients/a%23b',
      '/functions/v1/api-v1/patients/100%25',
      '/functions/v1/api-v1/patients/%C3%BCn%C3%AF',
      '/functions/v1/api-v1/patients/a%2Fb',
      '/functions/v1/api-v1/patients/x%20y',
    ]);
  });

  it('refuses ids that encoding cannot make safe, without calling upstream', async () => {
    for (const id of ['', '.', '..', 'a\u0000b', 'x'.repeat(129)]) {
      await expect(get('/patients/{id}', { id })).rejects.toThrow(RangeError);
    }
    expect(upstream.received).toHaveLength(0);
  });

  it('encodes query values and drops null and undefined ones', async () => {
    upstream.reply({ body: { data: [] } });
    await client.request({
      method: 'GET',
      route: '/patients',
      query: { search: 'O’Brien & co=1#2', limit: 5, offset: undefined, patient_id: null },
      apiKey: KEY,
    });

    expect(upstream.received[0]?.url).toBe(
      '/functions/v1/api-v1/patients?search=O%E2%80%99Brien+%26+co%3D1%232&limit=5',
    );
  });

  it('sends JSON bodies on writes', async () => {
    upstream.reply({ status: 201, body: { data: { id: 'pat_1' } } });
    await client.request({
      method: 'POST',
      route: '/patients',
      body: { first_name: 'Ada' },
      apiKey: KEY,
    });

    expect(upstream.received[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(upstream.received[0]?.body ?? '')).toEqual({ first_name: 'Ada' });
  });
});

describe('success envelopes', () => {
  it('reads the OLDER {data, pagination} envelope with its total', async () => {
    upstream.reply({
      headers: {
        'x-request-id': 'req_old',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '97',
      },
      body: {
        data: [{ id: 'a' }],
        pagination: { total: 250, limit: 100, offset: 100, has_more: true },
      },
    });
    const result = await get();

    expect(result).toEqual({
      status: 200,
      data: [{ id: 'a' }],
      page: { total: 250, limit: 100, offset: 100, hasMore: true, nextOffset: 200 },
      requestId: 'req_old',
      rateLimit: { limit: 100, remaining: 97 },
    });
  });

  it('reads the NEWER {data, meta} envelope, which has no total', async () => {
    upstream.reply({
      body: {
        data: [{ id: 'b' }],
        meta: { limit: 20, next_offset: 20, has_more: true, request_id: 'req_new' },
      },
    });
    const result = await get();

    expect(result.page).toEqual({
      total: null,
      limit: 20,
      offset: null,
      hasMore: true,
      nextOffset: 20,
    });
    expect(result.requestId).toBe('req_new');
  });

  it('reads a NEWER last page, where next_offset is null', async () => {
    upstream.reply({ body: { data: [], meta: { limit: 20, next_offset: null, has_more: false } } });

    expect((await get()).page?.hasMore).toBe(false);
  });

  it('treats a 2xx body that is not an envelope as an invalid response', async () => {
    upstream.reply({ body: '<html>ok</html>', headers: { 'x-request-id': 'req_html' } });
    const error = await failure(get());

    expect(error).toMatchObject({ kind: 'invalid_response', status: 200, requestId: 'req_html' });
  });
});

describe('error bodies', () => {
  it('reads the OLDER flat body {error, details, request_id}', async () => {
    upstream.reply({
      status: 401,
      body: {
        error: 'Unauthorized',
        details: 'Invalid or missing API key',
        request_id: 'req_flat',
      },
    });

    expect(await failure(get())).toMatchObject({
      kind: 'http',
      status: 401,
      code: 'unauthorized',
      message: 'Invalid or missing API key',
      requestId: 'req_flat',
    });
  });

  it('reads the OLDER nested body {error: {code, message}} and takes the id from the header', async () => {
    upstream.reply({
      status: 400,
      headers: { 'x-request-id': 'req_header' },
      body: { error: { code: 'invalid_request', message: 'The patient_id parameter is required' } },
    });

    expect(await failure(get())).toMatchObject({
      status: 400,
      code: 'invalid_request',
      message: 'The patient_id parameter is required',
      requestId: 'req_header',
    });
  });

  it('reads the NEWER envelope {data: null, meta: {request_id}, error: {code, message}}', async () => {
    upstream.reply({
      status: 429,
      headers: { 'x-request-id': 'req_other', 'retry-after': '120' },
      body: {
        data: null,
        meta: { request_id: 'req_meta' },
        error: { code: 'RATE_LIMITED', message: 'Limit: 1000' },
      },
    });

    expect(await failure(get())).toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'Limit: 1000',
      requestId: 'req_meta',
      retryAfterSeconds: 120,
    });
  });

  it('reads Retry-After as an HTTP date too, and never promises more than an hour', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    upstream.reply(
      { status: 429, headers: { 'retry-after': inTwoMinutes }, body: '' },
      { status: 429, headers: { 'retry-after': '99999999999999999999999' }, body: '' },
      { status: 429, headers: { 'retry-after': 'soon' }, body: '' },
    );

    expect((await failure(get())).retryAfterSeconds).toBeGreaterThanOrEqual(118);
    expect((await failure(get())).retryAfterSeconds).toBe(3_600);
    expect((await failure(get())).retryAfterSeconds).toBeNull();
  });

  it('leaves retryAfter unset when a 429 carries no Retry-After header', async () => {
    upstream.reply({
      status: 429,
      body: { error: 'Too Many Requests', details: 'Rate limit exceeded' },
    });

    expect(await failure(get())).toMatchObject({ status: 429, retryAfterSeconds: null });
  });

  it('treats a read answered 200 with no body as an invalid response, and a write as no content', async () => {
    const empty = { status: 200, body: '', headers: { 'x-request-id': 'req_blank' } };
    upstream.reply(empty, empty);

    expect(await failure(get())).toMatchObject({
      kind: 'invalid_response',
      status: 200,
      requestId: 'req_blank',
    });
    expect(
      await client.request({
        method: 'POST',
        route: '/patients/{id}/archive',
        params: { id: 'p' },
        apiKey: KEY,
      }),
    ).toMatchObject({ status: 200, data: null });
  });

  it('still yields a typed error for an empty body', async () => {
    const empty = { status: 503, body: '', headers: { 'x-request-id': 'req_empty' } };
    upstream.reply(empty, empty, empty);

    expect(await failure(get())).toMatchObject({
      kind: 'http',
      status: 503,
      code: 'service_unavailable',
      requestId: 'req_empty',
    });
  });

  it('still yields a typed error for an HTML error page or truncated JSON', async () => {
    const page = { status: 502, body: '<html><body>Bad gateway</body></html>' };
    upstream.reply(page, page, page, { status: 500, body: '{"error":"Internal' });

    expect(await failure(get())).toMatchObject({
      status: 502,
      code: 'bad_gateway',
      requestId: null,
    });
    expect(await failure(get())).toMatchObject({ status: 500, code: 'internal_error' });
  });
});

describe('transport failures', () => {
  it('reports a headers timeout when Jump does not start answering in time', async () => {
    upstream.reply({ delayMs: 1_500, body: { data: [] } });

    expect(await failure(get())).toMatchObject({
      kind: 'timeout',
      code: 'headers_timeout',
      status: null,
    });
    expect(upstream.received).toHaveLength(1);
  });

  it('reports a body timeout when Jump stops sending halfway through its answer', async () => {
    upstream.reply({ stallBody: true, body: { data: [] } });

    expect(await failure(get())).toMatchObject({ kind: 'timeout', code: 'body_timeout' });
    expect(upstream.received).toHaveLength(1);
  });

  it('stops waiting at the deadline even while each phase is within its own timeout', async () => {
    const patient = new JumpClient({
      baseUrl: upstream.url,
      timeouts: { connectMs: 5_000, headersMs: 5_000, bodyMs: 5_000 },
      deadlineMs: 5_000,
    });
    upstream.reply({ delayMs: 1_000, body: { data: [] } });
    const started = performance.now();
    const error = await failure(
      patient.request({
        method: 'GET',
        route: '/patients',
        apiKey: KEY,
        deadline: performance.now() + 200,
      }),
    );
    await patient.close();

    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline' });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('makes no call at all once the deadline has passed', async () => {
    const error = await failure(
      client.request({
        method: 'GET',
        route: '/patients',
        apiKey: KEY,
        deadline: performance.now() - 1,
      }),
    );

    expect(error).toMatchObject({ kind: 'timeout', code: 'deadline' });
    expect(upstream.received).toHaveLength(0);
  });

  it('reports an unavailable upstream when the connection is reset on every attempt', async () => {
    upstream.reply({ reset: true }, { reset: true }, { reset: true });

    expect(await failure(get())).toMatchObject({ kind: 'unavailable', status: null });
    expect(upstream.received).toHaveLength(3);
  });

  it('reports an unavailable upstream when nothing listens', async () => {
    const closed = new JumpClient({
      baseUrl: 'http://127.0.0.1:1/api',
      timeouts: TIMEOUTS,
      deadlineMs: 500,
    });
    const error = await failure(closed.request({ method: 'GET', route: '/patients', apiKey: KEY }));
    await closed.close();

    expect(error.kind).toBe('unavailable');
  });
});

describe('retries', () => {
  it('tries a read again after a reset and a 503, and succeeds on the third attempt', async () => {
    upstream.reply({ reset: true }, { status: 503, body: '' }, { body: { data: [{ id: 'a' }] } });
    const events: JumpCallEvent[] = [];
    const result = await client.request(
      { method: 'GET', route: '/patients', apiKey: KEY },
      (event) => events.push(event),
    );

    expect(result.data).toEqual([{ id: 'a' }]);
    expect(events.map((event) => event.status)).toEqual([null, 503, 200]);
  });

  it('does not retry when the backoff would run past the deadline', async () => {
    upstream.reply({ status: 503, body: '' });
    const error = await failure(
      client.request({
        method: 'GET',
        route: '/patients',
        apiKey: KEY,
        deadline: performance.now() + 40,
      }),
    );

    expect(error.status).toBe(503);
    expect(upstream.received).toHaveLength(1);
  });

  it('never retries a write, which may already have reached Jump', async () => {
    upstream.reply({ status: 503, body: '' });
    const error = await failure(
      client.request({ method: 'POST', route: '/patients', body: {}, apiKey: KEY }),
    );

    expect(error.status).toBe(503);
    expect(upstream.received).toHaveLength(1);
  });

  it('never retries a 429 or a 500', async () => {
    upstream.reply({ status: 429, body: '' }, { status: 500, body: '' });

    expect((await failure(get())).status).toBe(429);
    expect((await failure(get())).status).toBe(500);
    expect(upstream.received).toHaveLength(2);
  });
});

describe('call events', () => {
  it('reports route template, status and quota for each call, and never the key', async () => {
    const events: JumpCallEvent[] = [];
    upstream.reply({
      headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '10' },
      body: { data: { id: 'pat_1' } },
    });
    await client.request(
      { method: 'GET', route: '/patients/{id}', params: { id: 'pat_1' }, apiKey: KEY },
      (event) => events.push(event),
    );

    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      method: 'GET',
      route: '/patients/{id}',
      status: 200,
      rateLimit: { limit: 1000, remaining: 10 },
      errorKind: null,
    });
    expect(JSON.stringify(events)).not.toContain(KEY);
  });
});
