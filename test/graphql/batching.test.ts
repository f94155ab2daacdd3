import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AppointmentsWithReferencesDocument,
  ConsultationsWithPatientsDocument,
} from '../../examples/generated/graphql.js';
import type { ConsultationsWithPatientsQuery } from '../../examples/generated/graphql.js';
import { startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

const paths = (stack: Stack) => stack.sandbox.calls.map((call) => call.path);
const consultationsWithPatients = (stack: Stack) =>
  stack.query<ConsultationsWithPatientsQuery>(print(ConsultationsWithPatientsDocument), {
    variables: { first: 100 },
  });

describe('a Jump that honours id_in', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ config: { catalogueCacheTtlMs: 0 } });
  });
  afterAll(() => stack.close());

  it('fetches 100 consultations with their patients in exactly 2 calls', async () => {
    stack.sandbox.resetCalls();
    const { body } = await consultationsWithPatients(stack);
    const patients = new Set(body.data?.consultations?.nodes.map((node) => node.patient?.id));

    expect(body.errors).toBeUndefined();
    expect(body.data?.consultations?.nodes).toHaveLength(100);
    expect(patients.size).toBeGreaterThan(10);
    expect(paths(stack)).toEqual(['/consultations', '/patients']);
    expect(stack.sandbox.calls[1]?.rawUrl).toContain('id_in=');
  });

  it('fetches 50 appointments with patient, clinician, location and type in exactly 5 calls', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(print(AppointmentsWithReferencesDocument), {
      variables: { first: 50 },
    });

    expect(body.errors).toBeUndefined();
    expect([...paths(stack)].sort()).toEqual(
      ['/appointment-types', '/appointments', '/clinicians', '/locations', '/patients'].sort(),
    );
  });

  it('still answers NOT_FOUND for the one id a batch could not find', async () => {
    const real = stack.sandbox.store.patients[3]!.id;
    stack.sandbox.resetCalls();
    const { body } = await stack.query(
      `{ a: patient(id: "${real}") { id } b: patient(id: "pat_gone") { id } }`,
    );

    expect(body.data).toEqual({ a: { id: real }, b: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(body.errors?.[0]?.path).toEqual(['b']);
    expect(paths(stack)).toEqual(['/patients', '/patients/pat_gone']);
  });
});

describe('a Jump that ignores id_in', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ sandbox: { idIn: false }, config: { catalogueCacheTtlMs: 0 } });
  });
  afterAll(() => stack.close());

  it('notices the unfiltered answer, uses what matches, and fetches the rest one by one', async () => {
    stack.sandbox.resetCalls();
    const first = await consultationsWithPatients(stack);
    const distinct = new Set(first.body.data?.consultations?.nodes.map((node) => node.patient?.id));
    const firstCalls = stack.sandbox.calls.length;
    stack.sandbox.resetCalls();
    const second = await consultationsWithPatients(stack);

    expect(first.body.errors).toBeUndefined();
    expect(second.body.data).toEqual(first.body.data);
    expect(firstCalls).toBeLessThanOrEqual(2 + distinct.size);
    expect(stack.sandbox.calls).toHaveLength(1 + distinct.size);
    expect(paths(stack).filter((path) => path === '/patients')).toEqual([]);
  });
});
