import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConsultationsWithPatientsDocument,
  CreateConsultationDocument,
} from '../../examples/generated/graphql.js';
import type {
  ConsultationsWithPatientsQuery,
  CreateConsultationMutation,
} from '../../examples/generated/graphql.js';
import { startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const listWithPatients = (variables: Record<string, unknown>) =>
  stack.query<ConsultationsWithPatientsQuery>(print(ConsultationsWithPatientsDocument), {
    variables,
  });

describe('Query.consultations', () => {
  it('lists consultations with SNOMED-coded types and their patients', async () => {
    const { body } = await listWithPatients({ first: 10 });
    const nodes = body.data?.consultations?.nodes ?? [];

    expect(body.errors).toBeUndefined();
    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      expect(node.patient?.id).toMatch(/^pat_/);
    }
  });

  it('filters by patient', async () => {
    const patient = stack.sandbox.store.patients[5]!;
    const { body } = await listWithPatients({ patientId: patient.id, first: 100 });
    const nodes = body.data?.consultations?.nodes ?? [];

    expect(nodes.length).toBeGreaterThanOrEqual(2);
    expect(nodes.every((node) => node.patient?.id === patient.id)).toBe(true);
    expect(body.data?.consultations?.totalCount).toBe(nodes.length);
  });

  it('does not fetch patients it already holds from a patient list in the same operation', async () => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`{
      patients(first: 3) { nodes { id consultations(first: 3) { nodes { id patient { id lastName } } } } }
    }`);

    expect(body.errors).toBeUndefined();
    expect(stack.sandbox.calls.filter((call) => call.path.startsWith('/patients/'))).toHaveLength(
      0,
    );
    expect(stack.sandbox.calls).toHaveLength(1 + 3);
  });

  it('returns NOT_FOUND for an unknown consultation', async () => {
    const { body } = await stack.query(`{ consultation(id: "con_missing") { id } }`);

    expect(body.data).toEqual({ consultation: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('Mutation.createConsultation', () => {
  const create = (input: Record<string, unknown>) =>
    stack.query<CreateConsultationMutation>(print(CreateConsultationDocument), {
      variables: { input },
    });

  it('records a consultation that then appears first in the patient’s list', async () => {
    const patient = stack.sandbox.store.patients[9]!;
    const { body } = await create({
      patientId: patient.id,
      consultationDate: '2026-11-30',
      consultationTime: '09:30',
      consultationTypeCode: '185317003',
      consultationTypeDisplay: 'Telephone encounter',
      chiefComplaint: 'Review of blood pressure readings',
    });
    const listed = await listWithPatients({ patientId: patient.id, first: 1 });

    expect(body.errors).toBeUndefined();
    expect(body.data?.createConsultation).toMatchObject({
      patientId: patient.id,
      consultationTime: '09:30:00',
      consultationTypeCode: '185317003',
    });
    expect(listed.body.data?.consultations?.nodes[0]?.id).toBe(body.data?.createConsultation?.id);
  });

  it.each([
    [{ consultationTime: '25:00' }, 'input.consultationTime'],
    [{ consultationTypeCode: 'ABC' }, 'input.consultationTypeCode'],
    [{ patientId: '..' }, 'input.patientId'],
  ])('refuses %o before calling Jump', async (change, field) => {
    stack.sandbox.resetCalls();
    const { body } = await create({
      patientId: stack.sandbox.store.patients[0]!.id,
      consultationDate: '2026-01-05',
      ...change,
    });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('passes Jump’s 400 for an unknown patient through as BAD_USER_INPUT', async () => {
    const { body } = await create({ patientId: 'pat_nobody', consultationDate: '2026-01-05' });

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamStatus: 400,
    });
  });
});
