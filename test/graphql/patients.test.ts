import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreatePatientDocument,
  PatientListDocument,
  PatientRecordDocument,
  UpdatePatientDocument,
} from '../../examples/generated/graphql.js';
import type {
  CreatePatientMutation,
  PatientListQuery,
  PatientRecordQuery,
  UpdatePatientMutation,
} from '../../examples/generated/graphql.js';
import { isValidNhsNumber } from '../../src/domain/nhs-number.js';
import { startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const list = (variables: Record<string, unknown>) =>
  stack.query<PatientListQuery>(print(PatientListDocument), { variables });

describe('Query.patients', () => {
  it('returns a Relay connection with totalCount, cursors and realistic UK patients', async () => {
    const { body } = await list({ first: 5 });
    const connection = body.data?.patients;

    expect(body.errors).toBeUndefined();
    expect(connection?.totalCount).toBeGreaterThanOrEqual(500);
    expect(connection?.edges).toHaveLength(5);
    expect(connection?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    for (const { node } of connection?.edges ?? []) {
      expect(node.id).toMatch(/^pat_/);
      expect(isValidNhsNumber(node.nhsNumber ?? '')).toBe(true);
      expect(node.nhsNumber).toMatch(/^\d{10}$/);
    }
  });

  it('pages with after: endCursor without overlap or gaps', async () => {
    const first = (await list({ first: 4 })).body.data?.patients;
    const second = (await list({ first: 4, after: first?.pageInfo.endCursor })).body.data?.patients;
    const both = (await list({ first: 8 })).body.data?.patients;

    expect(second?.pageInfo.hasPreviousPage).toBe(true);
    expect([...(first?.edges ?? []), ...(second?.edges ?? [])].map((edge) => edge.node.id)).toEqual(
      both?.edges.map((edge) => edge.node.id),
    );
  });

  it('caps first at Jump’s page size of 100', async () => {
    stack.sandbox.resetCalls();
    const { body } = await list({ first: 500 });

    expect(body.data?.patients?.edges).toHaveLength(100);
    expect(stack.sandbox.calls[0]?.rawUrl).toContain('limit=100');
  });

  it.each([0, -1])('refuses first: %i with BAD_USER_INPUT and no upstream call', async (first) => {
    stack.sandbox.resetCalls();
    const { body } = await list({ first });

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it.each(['not-a-cursor', 'b2Zmc2V0Oi0x', '../../etc'])(
    'refuses an after cursor it did not issue (%s)',
    async (after) => {
      const { body } = await list({ after });

      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    },
  );

  it('searches by last name and by NHS number with or without spaces', async () => {
    const patient = stack.sandbox.store.patients[7]!;
    const digits = String(patient.nhs_number).replace(/\s/g, '');

    const byName = (await list({ search: patient.last_name, first: 100 })).body.data?.patients;
    const bySpaced = (await list({ search: patient.nhs_number })).body.data?.patients;
    const byDigits = (await list({ search: digits })).body.data?.patients;

    expect(byName?.edges.map((edge) => edge.node.id)).toContain(patient.id);
    expect(bySpaced?.edges.map((edge) => edge.node.id)).toEqual([patient.id]);
    expect(byDigits?.edges.map((edge) => edge.node.id)).toEqual([patient.id]);
  });

  it('sends hostile search text encoded and returns an empty page', async () => {
    stack.sandbox.resetCalls();
    const { body } = await list({ search: "x&limit=1000#'; DROP TABLE patients;--" });

    expect(body.data?.patients?.edges).toEqual([]);
    expect(stack.sandbox.calls[0]?.rawUrl).toContain('search=x%26limit%3D1000%23');
  });
});

describe('Query.patient', () => {
  it('returns one patient with their consultations, newest first', async () => {
    const patient = stack.sandbox.store.patients[3]!;
    const { body } = await stack.query<PatientRecordQuery>(print(PatientRecordDocument), {
      variables: { id: patient.id, consultations: 10 },
    });
    const dates = body.data?.patient?.consultations?.nodes.map((node) => node.consultationDate);

    expect(body.errors).toBeUndefined();
    expect(body.data?.patient).toMatchObject({
      id: patient.id,
      firstName: patient.first_name,
      lastName: patient.last_name,
      dateOfBirth: patient.date_of_birth,
    });
    expect(dates?.length).toBeGreaterThanOrEqual(2);
    expect(dates).toEqual([...(dates ?? [])].sort().reverse());
  });

  it('returns null with NOT_FOUND and Jump’s request_id for an unknown id', async () => {
    const { body } = await stack.query(`{ patient(id: "pat_missing") { id } }`);

    expect(body.data).toEqual({ patient: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamStatus: 404 });
    expect(body.errors?.[0]?.extensions?.request_id).toMatch(/^req_/);
  });

  it.each([
    ['../patients', '..%2Fpatients'],
    ['pat_1?limit=1', 'pat_1%3Flimit%3D1'],
    ['pat_1#x', 'pat_1%23x'],
    ['100%', '100%25'],
    ['ünïcødé', '%C3%BCn%C3%AFc%C3%B8d%C3%A9'],
  ])('sends the hostile id %s as one encoded path segment', async (id, encoded) => {
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`query ($id: ID!) { patient(id: $id) { id } }`, {
      variables: { id },
    });

    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(stack.sandbox.calls.map((call) => call.path)).toEqual([`/patients/${encoded}`]);
  });

  it.each([['..'], ['.'], ['a\u0000b'], ['x'.repeat(10_000)]])(
    'refuses an id that cannot be a Jump id with BAD_USER_INPUT and no upstream call',
    async (id) => {
      stack.sandbox.resetCalls();
      const { body } = await stack.query(`query ($id: ID!) { patient(id: $id) { id } }`, {
        variables: { id },
      });

      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(stack.sandbox.calls).toHaveLength(0);
    },
  );

  it('fetches the same patient once however many times one operation asks for it', async () => {
    const id = stack.sandbox.store.patients[11]!.id;
    const fields = Array.from(
      { length: 12 },
      (_, index) => `p${index}: patient(id: "${id}") { id firstName }`,
    );
    stack.sandbox.resetCalls();
    const { body } = await stack.query(`{ ${fields.join('\n')} }`);

    expect(Object.keys(body.data ?? {})).toHaveLength(12);
    expect(stack.sandbox.calls).toHaveLength(1);
  });
});

describe('patient mutations', () => {
  const create = (input: Record<string, unknown>) =>
    stack.query<CreatePatientMutation>(print(CreatePatientDocument), { variables: { input } });

  it('creates a patient that can then be read back', async () => {
    const { body } = await create({
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1990-12-10',
      nhsNumber: '943 476 5919',
      postcode: 'ls6 2ab',
      gender: 'FEMALE',
    });
    const created = body.data?.createPatient;
    const read = await stack.query<PatientRecordQuery>(print(PatientRecordDocument), {
      variables: { id: created?.id },
    });

    expect(body.errors).toBeUndefined();
    expect(created).toMatchObject({ firstName: 'Ada', nhsNumber: '9434765919' });
    expect(read.body.data?.patient).toMatchObject({
      id: created?.id,
      lastName: 'Lovelace',
      gender: 'FEMALE',
    });
  });

  it.each([
    [{ firstName: ' ', lastName: 'X', dateOfBirth: '1990-01-01' }, 'input.firstName'],
    [
      { firstName: 'A', lastName: 'X', dateOfBirth: '1990-01-01', nhsNumber: '9434765918' },
      'input.nhsNumber',
    ],
    [
      { firstName: 'A', lastName: 'X', dateOfBirth: '1990-01-01', nhsNumber: '94347659' },
      'input.nhsNumber',
    ],
    [{ firstName: 'A', lastName: 'X', dateOfBirth: '2999-01-01' }, 'input.dateOfBirth'],
  ])('refuses %o before calling Jump, naming %s', async (input, field) => {
    stack.sandbox.resetCalls();
    const { body } = await create(input);

    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('refuses an impossible calendar date before calling Jump', async () => {
    stack.sandbox.resetCalls();
    const { body } = await create({ firstName: 'A', lastName: 'B', dateOfBirth: '2023-02-29' });

    expect(body.errors?.[0]?.message).toContain('2023-02-29');
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('passes Jump’s own 400 details through as BAD_USER_INPUT', async () => {
    const { body } = await create({
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '1990-01-01',
      email: 'not-an-email',
    });

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamStatus: 400,
    });
    expect(body.errors?.[0]?.message).toContain('email');
    expect(body.errors?.[0]?.extensions?.request_id).toMatch(/^req_/);
  });

  it('updates only the given fields and clears optional ones set to null', async () => {
    const patient = stack.sandbox.store.patients[20]!;
    const { body } = await stack.query<UpdatePatientMutation>(print(UpdatePatientDocument), {
      variables: { id: patient.id, input: { email: 'new.address@example.com', phone: null } },
    });

    expect(body.errors).toBeUndefined();
    expect(body.data?.updatePatient).toMatchObject({
      id: patient.id,
      email: 'new.address@example.com',
      phone: null,
      postcode: patient.postcode,
    });
  });

  it('refuses to clear a required field, and an empty update, without calling Jump', async () => {
    const id = stack.sandbox.store.patients[21]!.id;
    stack.sandbox.resetCalls();
    const cleared = await stack.query(print(UpdatePatientDocument), {
      variables: { id, input: { lastName: null } },
    });
    const empty = await stack.query(print(UpdatePatientDocument), { variables: { id, input: {} } });

    expect(cleared.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.lastName',
    });
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input',
    });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it('answers NOT_FOUND when updating a patient that does not exist', async () => {
    const { body } = await stack.query(print(UpdatePatientDocument), {
      variables: { id: 'pat_nobody', input: { email: 'a@example.com' } },
    });

    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
