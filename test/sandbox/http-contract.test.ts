import { request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import {
  SANDBOX_BASE_PATH,
  startSandbox,
  type SandboxLogEntry,
} from '../../src/sandbox/sandbox.js';
import { KEYS, request, useSandbox, type ErrorBody } from '../support/sandbox-http.js';

const logged: SandboxLogEntry[] = [];
const api = useSandbox({ logger: (entry) => logged.push(entry) });

const REQUEST_ID = /^req_[0-9a-f]{24}$/;

/** A raw request, for targets and bodies that fetch would normalise or refuse to send. */
function rawRequest(path: string, options: { method?: string; body?: Buffer } = {}) {
  const url = new URL(api.sandbox.url);

  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? 'GET',
        headers: { Authorization: `Bearer ${KEYS.full}` },
      },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

describe('every response', () => {
  it.each([
    ['a success', '/patients?limit=1', KEYS.full],
    ['a 401', '/patients', null],
    ['a 403', '/patients', KEYS.noscope],
    ['a 404', '/nowhere', KEYS.full],
  ])('carries JSON, a unique request id and the rate-limit headers on %s', async (_, path, key) => {
    const first = await api.request(path, { key });
    const second = await api.request(path, { key });

    for (const response of [first, second]) {
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('x-request-id')).toMatch(REQUEST_ID);
      expect(response.headers.get('x-ratelimit-limit')).toBe('1000');
      expect(response.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      expect(response.headers.get('x-response-time')).toMatch(/^\d+ms$/);
    }
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));
  });
});

describe('the base path', () => {
  it('serves only under /functions/v1/api-v1, a URL it gives without a trailing slash', async () => {
    const root = new URL(api.sandbox.url).origin;
    const outside = await fetch(`${root}/patients`, {
      headers: { Authorization: `Bearer ${KEYS.full}` },
    });
    const body = (await outside.json()) as ErrorBody;

    expect(api.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/functions\/v1\/api-v1$/);
    expect(SANDBOX_BASE_PATH).toBe('/functions/v1/api-v1');
    expect(outside.status).toBe(404);
    expect(body.error).toBe('Not Found');
    expect(body.request_id).toBe(outside.headers.get('x-request-id'));
  });

  it('answers 404 for an unknown resource under the base path', async () => {
    const { status, body } = await api.request<ErrorBody>('/webhooks');

    expect(status).toBe(404);
    expect(body.details).toBe('No endpoint matches GET /webhooks');
  });

  it('does not resolve dot segments in the raw request target', async () => {
    const response = await rawRequest(`${SANDBOX_BASE_PATH}/consultations/../patients`);

    expect(response.status).toBe(404);
  });
});

describe('request bodies', () => {
  it('answers 400 for invalid JSON', async () => {
    const { status, body } = await api.request<ErrorBody>('/patients', {
      method: 'POST',
      rawBody: '{"first_name": "Ada",',
      headers: { 'Content-Type': 'application/json' },
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'Bad Request', details: 'Request body is not valid JSON' });
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"patient"'],
    ['nothing', ''],
  ])('answers 400 when the body is %s rather than an object', async (_, rawBody) => {
    const { status, body } = await api.request<ErrorBody>('/patients', {
      method: 'POST',
      rawBody,
      headers: { 'Content-Type': 'application/json' },
    });

    expect(status).toBe(400);
    expect(body.details).toMatch(/^Request body must be a JSON object/);
  });

  it('parses a JSON body labelled text/plain, as fetch labels strings', async () => {
    const { status } = await api.request('/patients', {
      method: 'POST',
      rawBody: JSON.stringify({
        first_name: 'Plain',
        last_name: 'Text',
        date_of_birth: '1970-01-01',
      }),
    });

    expect(status).toBe(201);
  });

  it('answers 400 for bytes that are not UTF-8', async () => {
    const response = await rawRequest(`${SANDBOX_BASE_PATH}/patients`, {
      method: 'POST',
      body: Buffer.from([0x7b, 0xff, 0x7d]),
    });

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      details: 'Request body must be UTF-8 encoded JSON',
    });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const { status, body } = await api.request<ErrorBody>('/patients', {
      method: 'POST',
      json: { first_name: padding, last_name: 'Big', date_of_birth: '1990-01-01' },
    });

    expect(status).toBe(413);
    expect(body).toMatchObject({
      error: 'Payload Too Large',
      details: 'Request body must be at most 1048576 bytes',
    });
  });

  it('keeps serving after draining a 2 MiB body it refused', async () => {
    await api.request('/patients', { method: 'POST', rawBody: 'y'.repeat(2 * 1024 * 1024) });
    const after = await api.request('/patients?limit=1');

    expect(after.status).toBe(200);
  });
});

describe('calls', () => {
  it('records method, encoded path, raw target, status and fault in order, never the key', async () => {
    api.sandbox.resetCalls();
    await api.request('/patients?limit=2&search=J%C3%BCrgen');
    await api.request('/patients', { key: 'pk_test_sandbox_secret_looking_key' });
    await api.request('/consultations', { method: 'POST', json: {} });

    expect(api.sandbox.calls).toEqual([
      {
        method: 'GET',
        path: '/patients',
        rawUrl: '/functions/v1/api-v1/patients?limit=2&search=J%C3%BCrgen',
        status: 200,
        fault: null,
        requestId: expect.stringMatching(/^req_/),
        callerRequestId: null,
      },
      {
        method: 'GET',
        path: '/patients',
        rawUrl: '/functions/v1/api-v1/patients',
        status: 401,
        fault: null,
        requestId: expect.stringMatching(/^req_/),
        callerRequestId: null,
      },
      {
        method: 'POST',
        path: '/consultations',
        rawUrl: '/functions/v1/api-v1/consultations',
        status: 400,
        fault: null,
        requestId: expect.stringMatching(/^req_/),
        callerRequestId: null,
      },
    ]);
    expect(JSON.stringify(api.sandbox.calls)).not.toMatch(/pk_test|Bearer/);
  });

  it('records the request id it answered with and the caller’s own X-Request-Id', async () => {
    api.sandbox.resetCalls();
    const response = await fetch(`${api.sandbox.url}/patients?limit=1`, {
      headers: { authorization: 'Bearer pk_test_sandbox_full', 'x-request-id': 'fac_caller' },
    });
    await response.arrayBuffer();

    expect(api.sandbox.calls[0]?.requestId).toBe(response.headers.get('x-request-id'));
    expect(api.sandbox.calls[0]?.callerRequestId).toBe('fac_caller');
  });

  it('empties in place on resetCalls, so a held reference stays live', async () => {
    const held = api.sandbox.calls;
    api.sandbox.resetCalls();
    await api.request('/patients?limit=1');

    expect(held).toBe(api.sandbox.calls);
    expect(held).toHaveLength(1);
  });
});

describe('unexpected errors', () => {
  it('answers a masked 500 with the flat body and logs it once with the request id', async () => {
    logged.length = 0;
    const spy = vi.spyOn(api.sandbox.store, 'listPatients').mockImplementation(() => {
      throw new Error('boom: secret internals');
    });
    try {
      const { status, body, headers } = await api.request<ErrorBody>('/patients');

      expect(status).toBe(500);
      expect(body.error).toBe('Internal Server Error');
      expect(body.details).not.toContain('boom');
      expect(body.request_id).toBe(headers.get('x-request-id'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        level: 'error',
        request_id: body.request_id,
        path: '/patients',
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('answers malformed HTTP with a flat 400 and keeps running', async () => {
    const url = new URL(api.sandbox.url);
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write('NOT HTTP AT ALL\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const after = await api.request('/patients?limit=1');

    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toContain('"error":"Bad Request"');
    expect(after.status).toBe(200);
  });
});

describe('startSandbox', () => {
  it('closes promptly even with a keep-alive connection open', async () => {
    const sandbox = await startSandbox({ patientCount: 10 });
    await request(sandbox, '/patients?limit=1');
    const started = performance.now();
    await sandbox.close();

    expect(performance.now() - started).toBeLessThan(1000);
    await expect(fetch(`${sandbox.url}/patients`)).rejects.toThrow();
  });

  it('rejects options it cannot honour with a clear message', async () => {
    await expect(startSandbox({ seed: -1 })).rejects.toThrow(/seed must be an integer/);
    await expect(startSandbox({ patientCount: 1.5 })).rejects.toThrow(/patientCount/);
    await expect(startSandbox({ rateLimitPerHour: 0 })).rejects.toThrow(/rateLimitPerHour/);
  });

  it('generates the requested number of patients', async () => {
    const sandbox = await startSandbox({ patientCount: 500 });
    try {
      const { body } = await request<{ pagination: { total: number } }>(sandbox, '/patients');

      expect(body.pagination.total).toBe(500);
    } finally {
      await sandbox.close();
    }
  });
});
