import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedUpstream } from '../support/scripted-upstream.js';
import { KEYS, startFacade, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ config: { maxBodyBytes: 4_096 } });
});
afterAll(() => stack.close());

describe('request bodies', () => {
  it('refuses a body over MAX_BODY_BYTES with 413 before reading it', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify({ query: `{ patients { totalCount } }`, padding: 'x'.repeat(10_000) }),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'The request body is over 4096 bytes',
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });
});

describe('batched HTTP requests', () => {
  it('refuses an array of operations in one body, so one request cannot multiply its cost', async () => {
    const one = { query: '{ patient(id: "x") { id } }' };
    stack.sandbox.resetCalls();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify([one, one, one]),
    });
    const body = (await response.json()) as { errors?: Array<{ message: string }> };

    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/batch|array|object/i);
    expect(stack.sandbox.calls).toHaveLength(0);
  });
});

describe('idempotency keys', () => {
  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(201)],
    ['with a space', 'two words'],
    ['not ASCII', 'clé'],
  ])('refuses an Idempotency-Key that is %s with 400 before any upstream call', async (_, key) => {
    stack.sandbox.resetCalls();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${KEYS.full}`,
        'idempotency-key': key,
      },
      body: JSON.stringify({ query: '{ patient(id: "x") { id } }' }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
    });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('lets a browser send Idempotency-Key across origins', async () => {
    const response = await fetch(stack.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

    expect(response.headers.get('access-control-allow-headers')).toContain('idempotency-key');
  });
});

describe('cross-site requests', () => {
  it('refuses a form-encoded POST without Authorization, which a forged form could send', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=mutation%20%7B%20unarchivePatient(id%3A%22x%22)%20%7B%20id%20%7D%20%7D',
    });

    expect(response.status).toBe(403);
    expect(stack.sandbox.calls.filter((call) => call.method !== 'GET')).toHaveLength(0);
  });

  it('allows any origin against the embedded sandbox', async () => {
    const response = await fetch(stack.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('a client that goes away', () => {
  it('cancels the upstream call it was waiting for', async () => {
    const upstream = await startScriptedUpstream();
    upstream.reply({ delayMs: 1_500, body: { data: [] } });
    const facade = await startFacade(upstream.url);
    const abandon = new AbortController();
    const pending = fetch(facade.url, {
      method: 'POST',
      signal: abandon.signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify({ query: '{ patients { totalCount } }' }),
    }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    abandon.abort();
    await pending;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const metrics = await (await fetch(new URL('/metrics', facade.url))).text();
    await facade.close();
    await upstream.close();

    expect(upstream.received).toHaveLength(1);
    expect(upstream.received[0]?.cancelled).toBe(true);
    // Logged as the client's doing, not as an outage of Jump's.
    expect(facade.logs.entries()).toContainEqual(
      expect.objectContaining({ msg: 'operation', errorCodes: ['CANCELLED'] }),
    );
    expect(metrics).toMatch(/jump_facade_upstream_requests_total\{[^}]*status="cancelled"\} 1/);
  });
});

describe('readiness and configuration', () => {
  it('reports ready while Jump answers and 503 once it cannot be reached', async () => {
    const upstream = await startScriptedUpstream();
    upstream.handle(() => ({ status: 401, body: { error: 'Unauthorized' } }));
    const facade = await startFacade(upstream.url, { introspection: false, production: true });
    const health = facade.url.replace('/graphql', '');
    const ready = await fetch(`${health}/ready`);
    await upstream.close();
    const facadeDown = await startFacade(upstream.url);
    const unready = await fetch(`${facadeDown.url.replace('/graphql', '')}/ready`);
    await facadeDown.close();
    const introspection = await facade.query('{ __schema { types { name } } }', { key: KEYS.full });
    const suggestion = await facade.query('{ patient(id: "x") { firstNam } }', { key: KEYS.full });
    await facade.close();

    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(unready.status).toBe(503);
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    expect(suggestion.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(upstream.received.every((request) => request.headers.authorization === undefined)).toBe(
      true,
    );
  });

  it('sends no CORS headers against a real Jump unless CORS_ORIGINS names the origin', async () => {
    const upstream = await startScriptedUpstream();
    const closed = await startFacade(upstream.url);
    const listed = await startFacade(upstream.url, { corsOrigins: ['https://portal.example.com'] });
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const none = await preflight(closed.url, 'https://portal.example.com');
    const allowed = await preflight(listed.url, 'https://portal.example.com');
    const other = await preflight(listed.url, 'https://evil.example.net');
    await closed.close();
    await listed.close();
    await upstream.close();

    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.com');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
  });
});
