import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

const QUERY = `{
  patients(first: 3) {
    edges { node { id firstName nhsNumber consultations(first: 2) { edges { node { id } } } } }
  }
}`;

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    sandbox: {
      keys: { pk_test_patients_only: { scopes: ['read_patients'], label: 'patients only' } },
    },
  });
});
afterAll(() => stack.close());

describe('the requiresScope plugin', () => {
  it('answers three patients with their consultations for the full-scope sandbox key', async () => {
    const { status, body } = await stack.query<{
      patients: { edges: Array<{ node: { consultations: { edges: unknown[] } } }> };
    }>(QUERY);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.patients.edges).toHaveLength(3);
    for (const edge of body.data?.patients.edges ?? []) {
      expect(edge.node.consultations.edges.length).toBeGreaterThan(0);
    }
  });

  it('returns Jump’s quota headers from the last upstream answer in extensions.jumpRateLimit', async () => {
    const { body } = await stack.query('{ patients(first: 1) { totalCount } }');

    expect(body.extensions?.jumpRateLimit).toEqual({
      limit: 1000,
      remaining: expect.any(Number) as number,
    });
  });

  it('returns the quota from an error answer too', async () => {
    const { body } = await stack.query('{ patients(first: 1) { totalCount } }', {
      key: KEYS.marketplace,
    });

    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.extensions?.jumpRateLimit).toMatchObject({ limit: 1000 });
  });

  it('fails with UNAUTHENTICATED and makes no upstream call when there is no key', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(QUERY, { key: null });

    expect(body.data).toEqual({ patients: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.path).toEqual(['patients']);
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it.each([
    ['a key without the pk_ prefix', { authorization: 'Bearer sk_live_abc' }],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a bare key with no scheme', { authorization: 'pk_test_sandbox_full' }],
    ['a key with spaces in it', { authorization: 'Bearer pk_test_a b' }],
  ])('fails with UNAUTHENTICATED and no upstream call for %s', async (_label, headers) => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(QUERY, { key: null, headers });

    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('maps Jump’s 401 for a revoked key to UNAUTHENTICATED carrying Jump’s request_id', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(QUERY, { key: KEYS.revoked });
    const error = body.errors?.[0];

    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.extensions?.request_id).toMatch(/^req_/);
    expect(error?.message).toContain('revoked');
    expect(stack.sandbox.calls.map((call) => call.status)).toEqual([401]);
  });

  it('maps Jump’s 401 for a live key to UNAUTHENTICATED explaining that live keys cannot reach the sandbox', async () => {
    const { body } = await stack.query(QUERY, { key: 'pk_live_0123456789abcdef' });

    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/live/i);
    expect(body.errors?.[0]?.message).not.toContain('pk_live_0123456789abcdef');
  });

  it('returns FORBIDDEN with requiredScope read_patients and the upstream request_id for the marketplace key', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(QUERY, { key: KEYS.marketplace });
    const error = body.errors?.[0];

    expect(body.data).toEqual({ patients: null });
    expect(error?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'read_patients',
      upstreamStatus: 403,
      upstreamMessage: 'API key lacks the required scope: read_patients',
    });
    expect(error?.extensions?.request_id).toMatch(/^req_[0-9a-f]{24}$/);
    expect(stack.sandbox.calls).toHaveLength(1);
  });

  it('still resolves the other fields when one field is forbidden, with the error path on that field', async () => {
    const { body } = await stack.query<{
      patients: { edges: Array<{ node: { id: string; consultations: null } }> };
    }>(QUERY, { key: 'pk_test_patients_only' });

    expect(body.data?.patients.edges).toHaveLength(3);
    expect(body.data?.patients.edges.every((edge) => edge.node.consultations === null)).toBe(true);
    expect(body.errors).toHaveLength(3);
    expect(body.errors?.map((error) => error.path)).toEqual([
      ['patients', 'edges', 0, 'node', 'consultations'],
      ['patients', 'edges', 1, 'node', 'consultations'],
      ['patients', 'edges', 2, 'node', 'consultations'],
    ]);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'read_consultations',
    });
  });

  it('refuses every mutation for the read-only key with FORBIDDEN, naming the write scope', async () => {
    const { body } = await stack.query(
      `mutation { createPatient(input: { firstName: "Ada", lastName: "Lovelace", dateOfBirth: "1990-12-10" }) { id } }`,
      { key: KEYS.readonly },
    );

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'write_patients',
    });
    expect(body.errors?.[0]?.extensions?.request_id).toMatch(/^req_/);
  });

  it('never echoes the API key in any error message or extension', async () => {
    const keys = [KEYS.revoked, KEYS.marketplace, KEYS.noscope, 'pk_test_unknown_key_123'];
    for (const key of keys) {
      const { body } = await stack.query(QUERY, { key });

      expect(JSON.stringify(body)).not.toContain(key);
    }
  });
});
