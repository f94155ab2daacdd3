import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

describe('logs', () => {
  it('write one line per operation with name, upstream calls and error codes', async () => {
    stack.logs.lines.length = 0;
    const { headers } = await stack.query(`query Few { patients(first: 2) { nodes { id } } }`);
    const lines = stack.logs.entries().filter((entry) => entry.msg === 'operation');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ operationName: 'Few', upstreamCalls: 1, errorCodes: [] });
    expect(lines[0]?.requestId).toMatch(/^fac_/);
    expect(headers.get('x-request-id')).toBe(lines[0]?.requestId);
  });

  it('also record operations refused before they run, with their codes', async () => {
    stack.logs.lines.length = 0;
    await stack.query(`query Broken { patients { nodes { shoeSize } } }`);
    await stack.query(
      `query Huge { patients(first: 100) { nodes { consultations(first: 100) { nodes { patient { consultations(first: 100) { nodes { id } } } } } } } }`,
    );
    const lines = stack.logs.entries().filter((entry) => entry.msg === 'operation');

    expect(lines).toEqual([
      expect.objectContaining({
        operationName: 'Broken',
        upstreamCalls: 0,
        errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
      }),
      expect.objectContaining({
        operationName: 'Huge',
        upstreamCalls: 0,
        errorCodes: ['MAX_NODES_EXCEEDED'],
      }),
    ]);
  });

  it('take the operation name from the parsed document, never from comments, strings or free text', async () => {
    stack.logs.lines.length = 0;
    await stack.query(
      '# query Amelia_Price_9993393517\n{ patients(search: "query Jones") { totalCount } }',
    );
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.full}` },
      body: JSON.stringify({
        query: '{ patients(first: 1) { totalCount } }',
        operationName: 'pk_live_SECRETKEY John Smith 943 476 5919',
      }),
    });
    await response.arrayBuffer();
    const named = await stack.query(
      'query pk_test_sandbox_full { patients(first: 1) { totalCount } }',
    );
    const text = stack.logs.lines.join('\n');
    const metrics = await (await fetch(new URL('/metrics', stack.url))).text();

    expect(named.body.errors).toBeUndefined();
    expect(text).not.toMatch(/Amelia|Jones|SECRETKEY|John Smith|sandbox_full/);
    expect(metrics).not.toMatch(/Amelia|Jones|SECRETKEY|John Smith|sandbox_full/);
    expect(metrics).toContain('operation="pk_[redacted]"');
  });

  it('never contain an API key, an Authorization header or patient details', async () => {
    const patient = stack.sandbox.store.patients[2]!;
    stack.logs.lines.length = 0;
    const keys = [
      KEYS.full,
      KEYS.revoked,
      KEYS.marketplace,
      'pk_live_abcdef123456',
      'pk_test_unknown',
    ];
    for (const key of keys) {
      await stack.query(
        `query Leak($id: ID!) { patient(id: $id) { firstName lastName nhsNumber } }`,
        {
          key,
          variables: { id: patient.id },
        },
      );
    }
    await stack.query(`{ patients(first: 1) { nodes { id } } }`, {
      key: null,
      headers: { authorization: 'Bearer sk_secret_value' },
    });
    const logged = stack.logs.lines.join('\n');

    expect(stack.logs.lines.length).toBeGreaterThanOrEqual(keys.length);
    for (const secret of [
      ...keys,
      'sk_secret_value',
      'Bearer',
      patient.first_name,
      patient.last_name,
    ]) {
      expect(logged).not.toContain(secret);
    }
    expect(logged).not.toContain(String(patient.nhs_number));
  });
});
