import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ config: { maxUpstreamCalls: 6 } });
});
afterAll(() => stack.close());

function nested(levels: number): string {
  let selection = 'id';
  for (let level = 0; level < levels; level += 1) {
    selection = `id consultations(first: ${100 - level}) { nodes { id patient { ${selection} } } }`;
  }

  return `{ patients(first: 100) { nodes { ${selection} } } }`;
}

describe('operations too large to run', () => {
  it('refuses nested lists that would multiply into millions of objects, before any upstream call', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(nested(3));

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'MAX_NODES_EXCEEDED',
      maxNodes: 50_000,
    });
    expect(body.errors?.[0]?.extensions?.estimatedNodes).toBeGreaterThan(1_000_000);
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('prices availability by its window, so aliased month-long windows are refused', async () => {
    const fields = Array.from(
      { length: 20 },
      (_, index) =>
        `a${index}: availability(appointmentTypeId: "type_x", startDate: "2027-01-01", endDate: "2027-01-31") { id clinician { id } }`,
    );
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`{ ${fields.join(' ')} }`);

    expect(body.errors?.[0]?.extensions?.code).toBe('MAX_NODES_EXCEEDED');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('prices a fragment by where it is spread', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`
      query { patients(first: 100) { nodes { ...P } } }
      fragment P on Patient { consultations(first: 100) { nodes { patient { consultations(first: 100) { nodes { id } } } } } }
    `);

    expect(body.errors?.[0]?.extensions?.code).toBe('MAX_NODES_EXCEEDED');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('prices a page size given as a variable on every request, not once per document', async () => {
    const query = `query Pages($first: Int) {
      patients(first: $first) { nodes { consultations(first: $first) { nodes { patient {
        consultations(first: $first) { nodes { id } } } } } } }
    }`;
    const small = await stack.query(query, { variables: { first: 2 } });
    const large = await stack.query(query, { variables: { first: 100 } });

    expect(small.body.errors).toBeUndefined();
    expect(large.body.errors?.[0]?.extensions?.code).toBe('MAX_NODES_EXCEEDED');
  });

  it('prices a variable left to its default at that default, before any upstream call', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`query Pages($first: Int = 100) {
      patients(first: $first) { nodes { consultations(first: $first) { nodes { patient {
        consultations(first: $first) { nodes { id } } } } } } }
    }`);

    expect(body.errors?.[0]?.extensions?.code).toBe('MAX_NODES_EXCEEDED');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('prices an availability window from variable defaults', async () => {
    stack.sandbox.resetCalls();
    const fields = Array.from(
      { length: 20 },
      (_, index) =>
        `a${index}: availability(appointmentTypeId: "type_x", startDate: $from, endDate: $to) { id }`,
    );
    const { body } = await stack.query(
      `query Windows($from: Date = "2027-01-01", $to: Date = "2027-01-31") { ${fields.join(' ')} }`,
    );

    expect(body.errors?.[0]?.extensions?.code).toBe('MAX_NODES_EXCEEDED');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('runs a page of 100 consultations with their patients, which is well inside the limit', async () => {
    const { body } = await stack.query(
      `{ patients(first: 2) { nodes { consultations(first: 100) { nodes { patient { id } } } } } }`,
    );

    expect(body.errors).toBeUndefined();
  });

  it('refuses a selection deeper than QUERY_MAX_DEPTH', async () => {
    const { body } = await stack.query(nested(6).replace('first: 100', 'first: 1'));

    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/depth/i);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
  });

  it('refuses more aliases than QUERY_MAX_ALIASES', async () => {
    const fields = Array.from(
      { length: 40 },
      (_, index) => `a${index}: patients(search: "x${index}") { totalCount }`,
    );
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`{ ${fields.join(' ')} }`);

    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/alias/i);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_LIMIT_EXCEEDED');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('stops at the per-operation upstream call budget, answering the rest UPSTREAM_BUDGET_EXCEEDED', async () => {
    const fields = Array.from(
      { length: 9 },
      (_, index) => `p${index}: patients(search: "Z${index}") { totalCount }`,
    );
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`{ ${fields.join(' ')} }`);
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);

    expect(stack.sandbox.calls).toHaveLength(6);
    expect(codes).toEqual([
      'UPSTREAM_BUDGET_EXCEEDED',
      'UPSTREAM_BUDGET_EXCEEDED',
      'UPSTREAM_BUDGET_EXCEEDED',
    ]);
    expect(Object.values(body.data ?? {}).filter(Boolean)).toHaveLength(6);
  });
});

describe('every refusal carries a code', () => {
  it.each([
    [
      'an impossible DateTime variable',
      'query ($d: DateTime) { appointments(startsAfter: $d) { totalCount } }',
      { d: '2025-02-30T10:00:00Z' },
      'BAD_USER_INPUT',
    ],
    [
      'a missing required variable',
      'query ($id: ID!) { patient(id: $id) { id } }',
      {},
      'BAD_USER_INPUT',
    ],
    ['an unknown field', '{ patients { nodes { shoeSize } } }', {}, 'GRAPHQL_VALIDATION_FAILED'],
    ['a syntax error', '{ patients { nodes { id } }', {}, 'GRAPHQL_PARSE_FAILED'],
  ])('%s', async (_label, query, variables, code) => {
    const { body } = await stack.query(query, { variables });

    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors ?? []) {
      expect(error.extensions?.code).toBe(code);
    }
  });
});

describe('ids and filters that cannot be sent', () => {
  it.each([
    ['an empty patientId filter', `{ consultations(patientId: "") { totalCount } }`, 'patientId'],
    ['a lone surrogate in an id', `query ($id: ID!) { patient(id: $id) { id } }`, 'id'],
    [
      'a lone surrogate in a search',
      `query ($id: String) { patients(search: $id) { totalCount } }`,
      'search',
    ],
  ])('refuses %s with BAD_USER_INPUT and no upstream call', async (_label, query, field) => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(query, { variables: { id: 'pat_\ud800' } });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('refuses customFields nested deeper than ten levels', async () => {
    let customFields: Record<string, unknown> = { leaf: true };
    for (let level = 0; level < 1_000; level += 1) {
      customFields = { nested: customFields };
    }
    stack.sandbox.resetCalls();
    const { body } = await stack.query(
      `mutation ($input: CreatePatientInput!) { createPatient(input: $input) { id } }`,
      {
        variables: {
          input: { firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', customFields },
        },
      },
    );

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.customFields',
    });
    expect(stack.sandbox.calls).toHaveLength(0);
  });
});
