import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

// What the facade refuses before any work, and what it takes out of every answer, for requests
// shaped by an attacker rather than a client.
let stack: Stack;
let production: Stack;

beforeAll(async () => {
  stack = await startStack({
    config: { maxConcurrentOperations: 1, requestTimeoutMs: 1_000 },
  });
  production = await startStack({ config: { production: true } });
});
beforeEach(() => {
  stack.sandbox.resetCalls();
  stack.logs.lines.length = 0;
});
afterAll(async () => {
  await stack.close();
  await production.close();
});

async function post(target: Stack, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${KEYS.full}`,
      ...headers,
    },
    body,
  });
  const text = await response.text();

  return { status: response.status, text, body: JSON.parse(text) as Answer };
}

interface Answer {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const codes = (answer: Answer) => answer.errors?.map((error) => error.extensions?.code);

describe('documents', () => {
  it('refuses a document over QUERY_MAX_DOCUMENT_BYTES, comments included, before parsing', async () => {
    const padded = `# ${'x'.repeat(40_000)}\n{ patients(first: 1) { totalCount } }`;
    const answer = await post(stack, JSON.stringify({ query: padded }));

    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual(['QUERY_LIMIT_EXCEEDED']);
    expect(answer.body.errors?.[0]?.message).toContain('32768 bytes');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('answers a document too long in tokens with QUERY_LIMIT_EXCEEDED', async () => {
    const query = `{ patients(first: 1) { nodes { ${'id '.repeat(5_100)} } } }`;
    const answer = await post(stack, JSON.stringify({ query }));

    expect(codes(answer.body)).toEqual(['QUERY_LIMIT_EXCEEDED']);
  });

  it('allows one introspection root per operation and refuses aliased copies', async () => {
    const one = await post(stack, JSON.stringify({ query: '{ __schema { queryType { name } } }' }));
    const many = await post(
      stack,
      JSON.stringify({
        query: '{ a: __schema { types { name } } b: __schema { types { name } } }',
      }),
    );

    expect(one.body.errors).toBeUndefined();
    expect(codes(many.body)).toEqual(['QUERY_LIMIT_EXCEEDED']);
  });
});

describe('persisted queries', () => {
  const query = '{ patients(search: "Amelia") { totalCount } }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const extensions = { persistedQuery: { version: 1, sha256Hash } };

  it('remembers a document for the key that sent it and for no other key', async () => {
    await post(stack, JSON.stringify({ query, extensions }));
    const same = await post(stack, JSON.stringify({ extensions }));
    const other = await post(stack, JSON.stringify({ extensions }), {
      authorization: `Bearer ${KEYS.readonly}`,
    });

    expect(same.body.errors).toBeUndefined();
    expect(other.status).toBe(404);
    expect(codes(other.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('malformed requests', () => {
  it('answers a body that is not JSON with 400 BAD_REQUEST without quoting the body back', async () => {
    const answer = await post(stack, `{"query": "${'\u0001'.repeat(50_000)}`);

    expect(answer.status).toBe(400);
    expect(codes(answer.body)).toEqual(['BAD_REQUEST']);
    expect(answer.text.length).toBeLessThan(300);
  });

  it('answers an unsupported media type with 415 and a code, and logs the refusal', async () => {
    const answer = await post(stack, 'query', { 'content-type': 'text/csv' });

    expect(answer.status).toBe(415);
    expect(codes(answer.body)).toEqual(['UNSUPPORTED_MEDIA_TYPE']);
    expect(stack.logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'request refused',
        status: 415,
        errorCodes: ['UNSUPPORTED_MEDIA_TYPE'],
        requestId: expect.stringMatching(/^fac_/),
      }),
    );
  });

  it('codes a request a forged form could send as CSRF_HEADER_REQUIRED', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B__typename%7D',
    });
    const body = (await response.json()) as Answer;

    expect(response.status).toBe(403);
    expect(codes(body)).toEqual(['CSRF_HEADER_REQUIRED']);
  });
});

describe('slow senders', () => {
  it('hold no operation slot while their body trickles in, and are cut off at REQUEST_TIMEOUT_MS', async () => {
    const { port } = new URL(stack.url);
    const socket = connect(Number(port), '127.0.0.1');
    const closed = new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
    });
    socket.write(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${KEYS.full}\r\nContent-Length: 100\r\n\r\n{"query":`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const meanwhile = await post(stack, JSON.stringify({ query: '{ patients { totalCount } }' }));
    const started = performance.now();
    const answer = await closed;

    expect(meanwhile.body.errors).toBeUndefined();
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('production mode', () => {
  it('keeps "did you mean" hints for enum values and input fields out of its errors', async () => {
    const enumValue = await post(
      production,
      JSON.stringify({ query: '{ problems(status: ACTIV) { totalCount } }' }),
    );
    const inputField = await post(
      production,
      JSON.stringify({
        query: 'mutation($i: CreatePatientInput!) { createPatient(input: $i) { id } }',
        variables: { i: { firstNme: 'a', lastName: 'b', dateOfBirth: '1990-01-01' } },
      }),
    );

    expect(enumValue.body.errors?.length).toBeGreaterThan(0);
    expect(inputField.body.errors?.length).toBeGreaterThan(0);
    expect(`${enumValue.text}${inputField.text}`).not.toMatch(/Did you mean/i);
  });
});

describe('GraphiQL', () => {
  it('may not be framed by another site', async () => {
    const response = await fetch(stack.url, { headers: { accept: 'text/html' } });
    await response.arrayBuffer();

    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
