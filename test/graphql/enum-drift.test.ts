import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const driftWarnings = () =>
  stack.logs.entries().filter((entry) => entry.level === 40 && entry.field !== undefined);

describe('enum values the schema does not know', () => {
  it('read as null with the raw value beside them, and the query still succeeds', async () => {
    const patient = stack.sandbox.store.patients[30]!;
    stack.sandbox.store.updatePatient(patient.id, { gender: 'non_binary' } as never);
    const { body } = await stack.query<{ patient: Record<string, unknown> }>(
      `query ($id: ID!) { patient(id: $id) { id firstName gender genderRaw } }`,
      { variables: { id: patient.id } },
    );

    expect(body.errors).toBeUndefined();
    expect(body.data?.patient).toEqual({
      id: patient.id,
      firstName: patient.first_name,
      gender: null,
      genderRaw: 'non_binary',
    });
  });

  it('map the NEWER generation’s identity values onto the enum', async () => {
    const patient = stack.sandbox.store.patients[31]!;
    stack.sandbox.store.updatePatient(patient.id, { gender: 'woman' } as never);
    const { body } = await stack.query<{ patient: Record<string, unknown> }>(
      `query ($id: ID!) { patient(id: $id) { gender genderRaw } }`,
      { variables: { id: patient.id } },
    );

    expect(body.data?.patient).toEqual({ gender: 'FEMALE', genderRaw: 'woman' });
  });

  it('do not fail a list: one drifted appointment status leaves the page intact', async () => {
    const appointment = stack.sandbox.store.appointments[0]!;
    stack.sandbox.store.updateAppointment(appointment.id, { status: 'rescheduled' } as never);
    const { body } = await stack.query<{
      appointments: { nodes: Array<{ id: string; status: string | null; statusRaw: string }> };
    }>(`{ appointments(first: 5) { nodes { id status statusRaw } } }`);
    const drifted = body.data?.appointments.nodes.find((node) => node.id === appointment.id);

    expect(body.errors).toBeUndefined();
    expect(body.data?.appointments.nodes).toHaveLength(5);
    expect(drifted).toEqual({ id: appointment.id, status: null, statusRaw: 'rescheduled' });
  });

  it('are logged once at warn level per field and value, however often they are read', async () => {
    stack.logs.lines.length = 0;
    const patient = stack.sandbox.store.patients[32]!;
    stack.sandbox.store.updatePatient(patient.id, { gender: 'agender' } as never);
    for (let round = 0; round < 3; round += 1) {
      await stack.query(`query ($id: ID!) { patient(id: $id) { gender } }`, {
        variables: { id: patient.id },
      });
    }

    expect(driftWarnings()).toEqual([
      expect.objectContaining({ type: 'Patient', field: 'gender', value: 'agender' }),
    ]);
  });
});
