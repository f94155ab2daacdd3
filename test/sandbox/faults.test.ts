import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Agent, Client, request, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxCall } from '../../src/sandbox/sandbox.js';
import { KEYS, useSandbox } from '../support/sandbox-http.js';

const api = useSandbox({ patientCount: 20, rateLimitPerHour: null });
const faults = () => api.sandbox.faults;
const calls = () => api.sandbox.calls;

// A pool of its own, so sockets the faults break are never lent to another test file.
const agent = new Agent();

beforeEach(() => api.sandbox.resetCalls());
afterEach(() => faults().clear());
afterAll(() => agent.destroy());

const REQUEST_ID = /^req_[0-9a-f]{24}$/;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

interface SendOptions {
  method?: Dispatcher.HttpMethod;
  json?: unknown;
  headersTimeout?: number;
  bodyTimeout?: number;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
}

/** One request as the facade sends it (undici), its body read whole as text. */
async function send(sandbox: Sandbox, path: string, options: SendOptions = {}): Promise<Answer> {
  const { json, dispatcher = agent, ...rest } = options;
  const headers: Record<string, string> = { authorization: `Bearer ${KEYS.full}` };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await request(`${sandbox.url}${path}`, {
    ...rest,
    dispatcher,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });

  return {
    status: response.statusCode,
    headers: response.headers,
    text: await response.body.text(),
  };
}

const get = (path: string, options?: SendOptions) => send(api.sandbox, path, options);

/** The call record's fault and status, which is all most tests compare. */
const outcomes = (recorded: readonly SandboxCall[] = calls()) =>
  recorded.map(({ fault, status }) => ({ fault, status }));

/** Resolves once `condition` holds, checking every 5 ms; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const NEW_PATIENT = { first_name: 'Ada', last_name: 'Okafor', date_of_birth: '1987-06-14' };

describe('a latency fault', () => {
  it('waits the given time, then answers as usual, recording the call with its fault', async () => {
    faults().inject({ fault: 'latency', ms: 200 });
    const started = performance.now();
    const answer = await get('/locations');
    const elapsed = performance.now() - started;

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toHaveProperty('pagination');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(outcomes()).toEqual([{ fault: 'latency', status: 200 }]);
  });

  it('lets go at once of a request whose client left, and never handles it', async () => {
    faults().inject({ fault: 'latency', ms: 400 });
    const patients = api.sandbox.store.patients.length;
    const controller = new AbortController();
    const sent = send(api.sandbox, '/patients', {
      method: 'POST',
      json: NEW_PATIENT,
      signal: controller.signal,
    });
    await until(() => faults().held === 1);
    controller.abort();

    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => faults().held === 0, 100);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(api.sandbox.store.patients).toHaveLength(patients);
    expect(outcomes()).toEqual([{ fault: 'latency', status: 0 }]);
  });
});

describe('a status fault', () => {
  it.each([500, 502, 503, 504])(
    'answers %i with the OLDER flat body and a fresh request id in body and header',
    async (status) => {
      faults().inject({ fault: 'status', status, times: 2 });
      const first = await get('/patients?limit=1');
      const second = await get('/patients?limit=1');

      for (const answer of [first, second]) {
        expect(answer.status).toBe(status);
        expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(answer.headers['x-request-id']).toMatch(REQUEST_ID);
        expect(answer.headers['retry-after']).toBeUndefined();
        expect(JSON.parse(answer.text)).toEqual({
          error: STATUS_CODES[status],
          details: `${STATUS_CODES[status]} (a fault injected by the sandbox)`,
          request_id: answer.headers['x-request-id'],
        });
      }
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
      expect(outcomes()).toEqual([
        { fault: 'status', status },
        { fault: 'status', status },
      ]);
    },
  );

  it('answers 429 with Retry-After 1, the quota shown as spent and the OLDER body', async () => {
    faults().inject({ fault: 'status', status: 429 });
    const answer = await get('/clinicians');

    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('1');
    expect(answer.headers['x-ratelimit-limit']).toBe('1000');
    expect(answer.headers['x-ratelimit-remaining']).toBe('0');
    expect(JSON.parse(answer.text)).toEqual({
      error: 'Too Many Requests',
      details: 'Rate limit exceeded (a fault injected by the sandbox)',
      request_id: answer.headers['x-request-id'],
    });
  });

  it('sends the Retry-After it is given, or none when given null', async () => {
    faults().inject({ fault: 'status', status: 429, retryAfter: 30, times: 1 });
    faults().inject({ fault: 'status', status: 429, retryAfter: null, times: 1 });
    faults().inject({ fault: 'status', status: 503, retryAfter: 5, times: 1 });
    const answers = [await get('/clinicians'), await get('/clinicians'), await get('/clinicians')];

    expect(answers.map((answer) => [answer.status, answer.headers['retry-after']])).toEqual([
      [429, '30'],
      [429, undefined],
      [503, '5'],
    ]);
  });

  it('answers the NEWER error envelope when asked, RATE_LIMITED for 429', async () => {
    faults().inject({ fault: 'status', status: 503, shape: 'newer', times: 1 });
    faults().inject({ fault: 'status', status: 429, shape: 'newer', times: 1 });
    const unavailable = await get('/locations');
    const limited = await get('/locations');

    expect(JSON.parse(unavailable.text)).toEqual({
      data: null,
      meta: { request_id: unavailable.headers['x-request-id'] },
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: 'Service Unavailable (a fault injected by the sandbox)',
      },
    });
    expect(JSON.parse(limited.text)).toEqual({
      data: null,
      meta: { request_id: limited.headers['x-request-id'] },
      error: {
        code: 'RATE_LIMITED',
        message: 'Rate limit exceeded (a fault injected by the sandbox)',
      },
    });
  });

  it('answers before authentication and handling: no key is needed and a POST creates nothing', async () => {
    faults().inject({ fault: 'status', status: 500 });
    const patients = api.sandbox.store.patients.length;
    const answer = await send(api.sandbox, '/patients', { method: 'POST', json: NEW_PATIENT });
    const anonymous = await fetch(`${api.sandbox.url}/patients`);

    expect(answer.status).toBe(500);
    expect(anonymous.status).toBe(500);
    expect(api.sandbox.store.patients).toHaveLength(patients);
  });
});

describe('a reset fault', () => {
  it('resets the connection before any response, so the client sees ECONNRESET', async () => {
    faults().inject({ fault: 'reset', times: 1 });

    await expect(get('/locations')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await get('/locations')).status).toBe(200);
    expect(outcomes()).toEqual([
      { fault: 'reset', status: 0 },
      { fault: null, status: 200 },
    ]);
  });
});

describe('bad-body faults', () => {
  const JSON_TYPE = 'application/json; charset=utf-8';
  const HTML_TYPE = 'text/html; charset=utf-8';

  it('truncated-json answers 200 with the first half of a list envelope', async () => {
    faults().inject({ fault: 'truncated-json' });
    const answer = await get('/patients');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(JSON_TYPE);
    expect(answer.headers['x-request-id']).toMatch(REQUEST_ID);
    expect(answer.text).toMatch(/^\{"data":\[\{"id":"pat_/);
    expect(() => JSON.parse(answer.text)).toThrow(SyntaxError);
    expect(outcomes()).toEqual([{ fault: 'truncated-json', status: 200 }]);
  });

  it('html answers 200 with an HTML maintenance page', async () => {
    faults().inject({ fault: 'html' });
    const answer = await get('/patients');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(HTML_TYPE);
    expect(answer.text).toMatch(/^<!DOCTYPE html>[\s\S]*maintenance[\s\S]*<\/html>\n$/);
  });

  it('empty-body answers 200, labelled JSON, with no bytes at all', async () => {
    faults().inject({ fault: 'empty-body' });
    const answer = await get('/patients');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(JSON_TYPE);
    expect(answer.headers['content-length']).toBe('0');
    expect(answer.text).toBe('');
  });

  it('non-envelope-json answers 200 with valid JSON that has no data', async () => {
    faults().inject({ fault: 'non-envelope-json' });
    const answer = await get('/patients');

    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(JSON_TYPE);
    expect(JSON.parse(answer.text)).toEqual({ status: 'ok' });
  });

  it('proxy-502 answers a proxy’s HTML 502 page with none of Jump’s headers', async () => {
    faults().inject({ fault: 'proxy-502' });
    const answer = await get('/patients');

    expect(answer.status).toBe(502);
    expect(answer.headers['content-type']).toBe(HTML_TYPE);
    expect(answer.text).toContain('<title>502 Bad Gateway</title>');
    expect(answer.headers['x-request-id']).toBeUndefined();
    expect(answer.headers['x-ratelimit-limit']).toBeUndefined();
    expect(outcomes()).toEqual([{ fault: 'proxy-502', status: 502 }]);
  });
});

describe('stall faults', () => {
  it('stall-headers sends nothing, so the client’s headers timeout fires, then lets go', async () => {
    faults().inject({ fault: 'stall-headers' });

    await expect(get('/patients', { headersTimeout: 200 })).rejects.toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    await until(() => faults().held === 0);
    expect(outcomes()).toEqual([{ fault: 'stall-headers', status: 0 }]);
  });

  it('stall-body sends 200 and the start of a body, so the client’s body timeout fires', async () => {
    faults().inject({ fault: 'stall-body' });
    const response = await request(`${api.sandbox.url}/patients`, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${KEYS.full}` },
      bodyTimeout: 200,
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers['x-request-id']).toMatch(REQUEST_ID);
    expect(response.headers['content-length']).toBeUndefined();
    await expect(response.body.text()).rejects.toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
    await until(() => faults().held === 0);
    expect(outcomes()).toEqual([{ fault: 'stall-body', status: 200 }]);
  });

  it('lets go of a stalled request as soon as its client disconnects', async () => {
    faults().inject({ fault: 'stall-headers' });
    const controller = new AbortController();
    const sent = get('/patients', { signal: controller.signal });
    await until(() => faults().held === 1);
    controller.abort();

    await expect(sent).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => faults().held === 0, 200);
  });

  it('does not keep sandbox.close() waiting: stalled and delayed requests are cut at once', async () => {
    const sandbox = await startSandbox({ patientCount: 1 });
    sandbox.faults.inject({ fault: 'stall-headers', times: 1 });
    sandbox.faults.inject({ fault: 'stall-body', times: 1 });
    sandbox.faults.inject({ fault: 'latency', ms: 60_000, times: 1 });
    const options = { headersTimeout: 0, bodyTimeout: 0 };
    const headersStalled = send(sandbox, '/locations', options);
    await until(() => sandbox.faults.held === 1);
    const bodyStalled = send(sandbox, '/locations', options);
    await until(() => sandbox.faults.held === 2);
    const delayed = send(sandbox, '/locations', options);
    await until(() => sandbox.faults.held === 3);

    // Settled from now on, since closing rejects them before the test could await them.
    const settling = Promise.allSettled([headersStalled, bodyStalled, delayed]);

    const started = performance.now();
    await sandbox.close();
    const elapsed = performance.now() - started;
    const settled = await settling;

    expect(elapsed).toBeLessThan(500);
    expect(sandbox.faults.held).toBe(0);
    expect(settled.map((result) => result.status === 'rejected' && result.reason.code)).toEqual([
      'UND_ERR_SOCKET',
      'UND_ERR_SOCKET',
      'UND_ERR_SOCKET',
    ]);
    expect(outcomes(sandbox.calls)).toEqual([
      { fault: 'stall-headers', status: 0 },
      { fault: 'stall-body', status: 200 },
      { fault: 'latency', status: 0 },
    ]);
  });
});

describe('a close-after-response fault', () => {
  it('answers as usual, keep-alive, then closes the pooled socket itself', async () => {
    faults().inject({ fault: 'close-after-response', afterMs: 200, times: 1 });
    const client = new Client(new URL(api.sandbox.url).origin);
    let connections = 0;
    client.on('connect', () => (connections += 1));
    const disconnected = new Promise<number>((resolve) =>
      client.once('disconnect', () => resolve(performance.now())),
    );
    try {
      const first = await get('/locations', { dispatcher: client });
      const answered = performance.now();
      const closedAt = await disconnected;
      const second = await get('/locations', { dispatcher: client });

      expect(first.status).toBe(200);
      expect(first.headers.connection).toBe('keep-alive');
      expect(closedAt - answered).toBeGreaterThanOrEqual(150);
      expect(second.status).toBe(200);
      expect(connections).toBe(2);
      expect(outcomes()).toEqual([
        { fault: 'close-after-response', status: 200 },
        { fault: null, status: 200 },
      ]);
    } finally {
      await client.destroy();
    }
  });
});

describe('fault rules', () => {
  it('apply to the next N matching requests only, counting what they applied to', async () => {
    const injected = faults().inject({ fault: 'status', status: 503, times: 2 });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await get('/locations')).status);
    }

    expect(statuses).toEqual([503, 503, 200]);
    expect(injected.applied).toBe(2);
  });

  it('match by method in any case and by a route-style path, * standing for the rest', async () => {
    faults().inject({ fault: 'status', status: 500, method: 'post', path: '/patients' });
    faults().inject({ fault: 'status', status: 502, path: '/patients/:id' });
    faults().inject({ fault: 'status', status: 503, path: '/documents/*' });
    const id = api.sandbox.store.patients[0]?.id ?? '';
    const statusOf = async (path: string, method: Dispatcher.HttpMethod = 'GET') =>
      (await get(path, { method, json: method === 'POST' ? NEW_PATIENT : undefined })).status;

    expect(await statusOf('/patients', 'POST')).toBe(500);
    expect(await statusOf('/patients')).toBe(200);
    expect(await statusOf(`/patients/${id}`)).toBe(502);
    expect(await statusOf(`/patients/${id}/extra`)).toBe(404);
    expect(await statusOf('/documents')).not.toBe(503);
    expect(await statusOf('/documents/doc_1/download')).toBe(503);
  });

  it('match a RegExp against the encoded path, whatever its flags', async () => {
    faults().inject({ fault: 'status', status: 503, path: /^\/(clinicians|locations)$/g });

    expect((await get('/clinicians')).status).toBe(503);
    expect((await get('/clinicians')).status).toBe(503);
    expect((await get('/locations')).status).toBe(503);
    expect((await get('/appointment-types')).status).toBe(200);
  });

  it('are tried in order, and only the first that fires applies', async () => {
    faults().inject({ fault: 'status', status: 503, path: '/locations' });
    faults().inject({ fault: 'status', status: 500 });

    expect((await get('/locations')).status).toBe(503);
    expect((await get('/clinicians')).status).toBe(500);
    expect(outcomes()).toEqual([
      { fault: 'status', status: 503 },
      { fault: 'status', status: 500 },
    ]);
  });

  it('are taken out by remove(), and all at once by clear()', async () => {
    const first = faults().inject({ fault: 'status', status: 503 });
    faults().inject({ fault: 'status', status: 500 });
    first.remove();
    first.remove();
    const afterRemove = (await get('/locations')).status;
    faults().clear();
    const afterClear = (await get('/locations')).status;

    expect([afterRemove, afterClear]).toEqual([500, 200]);
  });

  it('with a fraction fault about that share of requests, the same ones for the same seed', async () => {
    const runs = [];
    for (const seed of [7, 7, 8]) {
      const sandbox = await startSandbox({ seed, patientCount: 1, rateLimitPerHour: null });
      sandbox.faults.inject({ fault: 'status', status: 503, fraction: 0.3 });
      const statuses = [];
      for (let attempt = 0; attempt < 100; attempt += 1) {
        statuses.push((await send(sandbox, '/locations')).status);
      }
      await sandbox.close();
      runs.push(statuses);
    }
    const [first = [], again = [], otherSeed = []] = runs;
    const faulted = first.filter((status) => status === 503).length;

    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    expect(faulted).toBeGreaterThan(15);
    expect(faulted).toBeLessThan(45);
  });

  it('record every attempt in calls, faulted or not, in arrival order', async () => {
    faults().inject({ fault: 'reset', times: 1 });
    faults().inject({ fault: 'status', status: 503, times: 1 });
    faults().inject({ fault: 'latency', ms: 1, times: 1 });
    await get('/locations').catch(() => undefined);
    await get('/locations');
    await get('/locations');
    await get('/locations');

    expect(outcomes()).toEqual([
      { fault: 'reset', status: 0 },
      { fault: 'status', status: 503 },
      { fault: 'latency', status: 200 },
      { fault: null, status: 200 },
    ]);
  });

  it('are refused with a RangeError naming every problem and echoing the value', () => {
    expect(() =>
      faults().inject({ fault: 'status', status: 200, times: 0, fraction: 1.5, path: 'patients' }),
    ).toThrow(
      new RangeError(
        'Invalid fault rule {"fault":"status","status":200,"times":0,"fraction":1.5,"path":"patients"}: ' +
          'status must be an integer from 400 to 599; received 200; ' +
          'path must start with / and may end in /*, e.g. /patients/:id; received "patients"; ' +
          'times must be an integer from 1 to 9007199254740991; received 0; ' +
          'fraction must be a number above 0 and at most 1; received 1.5',
      ),
    );
    expect(() => faults().inject({ fault: 'latency', ms: 1e9 })).toThrow(
      'ms must be an integer from 0 to 600000; received 1000000000',
    );
    expect(() => faults().inject({ fault: 'boom' } as never)).toThrow(
      'fault must be one of latency, status, close-after-response, reset, truncated-json, html, empty-body, non-envelope-json, proxy-502, stall-headers, stall-body; received boom',
    );
  });
});

describe('SandboxOptions.faults', () => {
  it('puts rules in force from the start', async () => {
    const sandbox = await startSandbox({
      patientCount: 1,
      faults: [{ fault: 'status', status: 503, times: 1 }],
    });
    const first = await send(sandbox, '/locations');
    const second = await send(sandbox, '/locations');
    await sandbox.close();

    expect([first.status, second.status]).toEqual([503, 200]);
  });

  it('refuses a bad rule before listening', async () => {
    await expect(
      startSandbox({ patientCount: 1, faults: [{ fault: 'latency', ms: -1 }] }),
    ).rejects.toThrow(RangeError);
  });
});
