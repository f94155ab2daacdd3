import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PatientListDocument } from '../../examples/generated/graphql.js';
import { loadConfig } from '../../src/config.js';
import { KEYS, postGraphQL, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('GET /metrics', () => {
  it('shows operations by name and outcome, durations, upstream calls by route and the quota', async () => {
    const id = stack.sandbox.store.patients[0]!.id;
    await stack.query(`query Lookup($id: ID!) { patient(id: $id) { id } }`, { variables: { id } });
    await stack.query(`query Lookup($id: ID!) { patient(id: $id) { id } }`, {
      variables: { id: 'pat_missing' },
    });
    await stack.query(`query Forbidden { patients { totalCount } }`, { key: KEYS.noscope });
    const text = await (await fetch(stack.url.replace('/graphql', '/metrics'))).text();

    expect(text).toContain('jump_facade_operations_total{operation="Lookup",outcome="ok"} 1');
    expect(text).toContain(
      'jump_facade_operations_total{operation="Lookup",outcome="NOT_FOUND"} 1',
    );
    expect(text).toContain(
      'jump_facade_operations_total{operation="Forbidden",outcome="FORBIDDEN"} 1',
    );
    expect(text).toMatch(/jump_facade_operation_duration_seconds_count\{operation="Lookup"\} 2/);
    expect(text).toContain(
      'jump_facade_upstream_requests_total{method="GET",route="/patients/{id}",status="200"} 1',
    );
    expect(text).toContain(
      'jump_facade_upstream_requests_total{method="GET",route="/patients/{id}",status="404"} 1',
    );
    expect(text).toContain(
      'jump_facade_upstream_requests_total{method="GET",route="/patients",status="403"} 1',
    );
    expect(text).toMatch(/jump_facade_upstream_rate_limit_remaining \d+/);
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).not.toContain(id);
    expect(text).not.toContain('pk_test');
  });
});

describe('automatic persisted queries', () => {
  const query = '{ patients(first: 1) { totalCount } }';
  const hash = createHash('sha256').update(query).digest('hex');
  const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
  const send = (body: Record<string, unknown>) =>
    fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify(body),
    }).then((response) => response.json() as Promise<Record<string, unknown>>);

  it('asks for the document once, then runs it by its SHA-256 hash alone', async () => {
    const unknown = await send({ extensions });
    const registered = await send({ query, extensions });
    const byHash = await send({ extensions });

    expect(unknown).toMatchObject({ errors: [{ message: 'PersistedQueryNotFound' }] });
    expect(registered.data).toEqual(byHash.data);
    expect(byHash).toMatchObject({ data: { patients: { totalCount: 600 } } });
  });

  it('refuses a document that does not match its hash', async () => {
    const answer = await postGraphQL(stack.url, '{ patients { totalCount } }', {
      headers: {},
    }).then(() => send({ query: '{ patients(first: 2) { totalCount } }', extensions }));

    expect(answer).toMatchObject({ errors: [{ message: 'PersistedQueryMismatch' }] });
  });
});

describe('trusted documents', () => {
  const manifestUrl = new URL('../../examples/generated/persisted-documents.json', import.meta.url);
  let trusted: Stack;

  beforeAll(async () => {
    const config = loadConfig({ TRUSTED_DOCUMENTS: manifestUrl.pathname });
    trusted = await startStack({ config: { trustedDocuments: config.trustedDocuments } });
  });
  afterAll(() => trusted.close());

  const send = (body: Record<string, unknown>) =>
    fetch(trusted.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify(body),
    }).then((response) => response.json() as Promise<Record<string, unknown>>);

  it('runs an operation from the codegen manifest by its hash, as documentId or APQ extension', async () => {
    const hash = (PatientListDocument as unknown as { __meta__: { hash: string } }).__meta__.hash;
    const byId = await send({ documentId: hash, variables: { first: 1 } });
    const byExtension = await send({
      variables: { first: 1 },
      extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace('sha256:', '') } },
    });

    expect(byId).toMatchObject({ data: { patients: { totalCount: 600 } } });
    expect(byExtension).toMatchObject({ data: { patients: { totalCount: 600 } } });
  });

  it('refuses any document that is not in the manifest, before calling Jump', async () => {
    trusted.sandbox.resetCalls();
    const answer = await send({ query: '{ patients { totalCount } }' });

    expect(answer).toMatchObject({
      errors: [{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }],
    });
    expect(trusted.sandbox.calls).toHaveLength(0);
    expect(
      trusted.logs
        .entries()
        .filter((entry) => entry.msg === 'operation')
        .at(-1),
    ).toMatchObject({
      errorCodes: ['PERSISTED_QUERY_ONLY'],
    });
  });
});
