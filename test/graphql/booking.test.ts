import { print } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AvailabilityDocument,
  BookableServicesDocument,
  ConfirmHoldDocument,
  CreatePatientDocument,
  HoldSlotDocument,
  HoldStatusDocument,
  ReleaseHoldDocument,
} from '../../examples/generated/graphql.js';
import type {
  AvailabilityQuery,
  BookableServicesQuery,
  ConfirmHoldMutation,
  CreatePatientMutation,
  HoldSlotMutation,
  HoldStatusQuery,
  ReleaseHoldMutation,
} from '../../examples/generated/graphql.js';
import { toLocalTime } from '../../src/domain/time-zone.js';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

/** The sandbox's clock: a Monday morning before the spring clock change of 2027. */
const START = new Date('2027-03-22T07:00:00Z');
let now = START;
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ sandbox: { now: () => now } });
});
beforeEach(() => {
  now = START;
});
afterAll(() => stack.close());

const booking = { key: KEYS.booking };
type Slot = NonNullable<AvailabilityQuery['availability']>[number];

async function bookableType() {
  const { body } = await stack.query<BookableServicesQuery>(
    print(BookableServicesDocument),
    booking,
  );

  return body.data!.appointmentTypes!.nodes.find(
    (type) => type.isActive && type.allowOnlineBooking && type.durationMinutes === 15,
  )!;
}

async function slots(startDate: string, endDate: string, extra: Record<string, unknown> = {}) {
  const type = await bookableType();
  const { body } = await stack.query<AvailabilityQuery>(print(AvailabilityDocument), {
    ...booking,
    variables: { appointmentTypeId: type.id, startDate, endDate, ...extra },
  });

  return { body, slots: body.data?.availability ?? [] };
}

const hold = (slotId: string, key: string = KEYS.booking) =>
  stack.query<HoldSlotMutation>(print(HoldSlotDocument), { key, variables: { slotId } });

describe('a partner portal booking through the facade', () => {
  it('lists services, holds a slot, sees it vanish, confirms it for a patient and sees the appointment', async () => {
    const week = await slots('2027-03-23', '2027-03-29');
    const slot = week.slots.find((candidate) => !candidate.isRemote)!;
    const held = await hold(slot.id);
    const after = await slots('2027-03-23', '2027-03-29');
    const patient = await stack.query<CreatePatientMutation>(print(CreatePatientDocument), {
      ...booking,
      variables: { input: { firstName: 'Priya', lastName: 'Booker', dateOfBirth: '1991-07-14' } },
    });
    const confirmed = await stack.query<ConfirmHoldMutation>(print(ConfirmHoldDocument), {
      ...booking,
      variables: {
        id: held.body.data!.createHold!.id,
        input: { patientId: patient.body.data!.createPatient!.id },
      },
    });
    const status = await stack.query<HoldStatusQuery>(print(HoldStatusDocument), {
      ...booking,
      variables: { id: held.body.data!.createHold!.id },
    });

    expect(week.body.errors).toBeUndefined();
    expect(week.slots.length).toBeGreaterThan(20);
    expect(held.body.errors).toBeUndefined();
    expect(held.body.data?.createHold).toMatchObject({
      status: 'ACTIVE',
      startTime: slot.startTime,
      localDate: slot.localDate,
      localStartTime: slot.localStartTime,
      expiresAt: new Date(START.getTime() + 15 * 60_000).toISOString(),
    });
    expect(after.slots.map((candidate) => candidate.id)).not.toContain(slot.id);
    expect(after.slots).toHaveLength(week.slots.length - 1);
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data?.confirmHold).toMatchObject({
      status: 'CONFIRMED',
      startTime: slot.startTime,
      endTime: slot.endTime,
      patient: { firstName: 'Priya', lastName: 'Booker' },
    });
    expect(status.body.data?.hold?.status).toBe('CONFIRMED');
  });

  it('lets exactly one of ten concurrent holds on one slot win; the rest get CONFLICT', async () => {
    const slot = (await slots('2027-03-24', '2027-03-24')).slots[3]!;
    const answers = await Promise.all(Array.from({ length: 10 }, () => hold(slot.id)));
    const codes = answers.map((answer) => answer.body.errors?.[0]?.extensions?.code ?? 'HELD');

    expect(codes.filter((code) => code === 'HELD')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(9);
  });

  it('expires a hold 15 minutes after it was made: the slot returns and confirming is refused', async () => {
    const slot = (await slots('2027-03-25', '2027-03-25')).slots[0]!;
    const held = (await hold(slot.id)).body.data!.createHold!;
    now = new Date(START.getTime() + 15 * 60_000 - 1);
    const justBefore = await stack.query<HoldStatusQuery>(print(HoldStatusDocument), {
      ...booking,
      variables: { id: held.id },
    });
    now = new Date(START.getTime() + 15 * 60_000);
    const expired = await stack.query<HoldStatusQuery>(print(HoldStatusDocument), {
      ...booking,
      variables: { id: held.id },
    });
    const again = await slots('2027-03-25', '2027-03-25');
    const confirm = await stack.query(print(ConfirmHoldDocument), {
      ...booking,
      variables: { id: held.id, input: { patientId: stack.sandbox.store.patients[0]!.id } },
    });

    expect(justBefore.body.data?.hold?.status).toBe('ACTIVE');
    expect(expired.body.data?.hold?.status).toBe('EXPIRED');
    expect(again.slots.map((candidate) => candidate.id)).toContain(slot.id);
    expect(confirm.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      upstreamStatus: 409,
    });
  });

  it('releases a hold, returning the slot, and refuses to confirm it afterwards', async () => {
    const slot = (await slots('2027-03-31', '2027-03-31')).slots[1]!;
    const held = (await hold(slot.id)).body.data!.createHold!;
    const released = await stack.query<ReleaseHoldMutation>(print(ReleaseHoldDocument), {
      ...booking,
      variables: { id: held.id },
    });
    const again = await slots('2027-03-31', '2027-03-31');
    const confirm = await stack.query(print(ConfirmHoldDocument), {
      ...booking,
      variables: { id: held.id, input: { patientId: stack.sandbox.store.patients[0]!.id } },
    });

    expect(released.body.data?.releaseHold).toEqual({ id: held.id, status: 'RELEASED' });
    expect(again.slots.map((candidate) => candidate.id)).toContain(slot.id);
    expect(confirm.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('availability windows and ids', () => {
  it('passes Jump’s refusal of a window over 30 days through as BAD_USER_INPUT', async () => {
    const { body } = await slots('2027-04-01', '2027-05-15');

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamStatus: 400,
    });
    expect(body.errors?.[0]?.message).toContain('30 days');
  });

  it('refuses an end date before the start without calling Jump', async () => {
    const type = await bookableType();
    stack.sandbox.resetCalls();
    const { body } = await stack.query(print(AvailabilityDocument), {
      ...booking,
      variables: { appointmentTypeId: type.id, startDate: '2027-04-02', endDate: '2027-04-01' },
    });

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'endDate',
    });
    expect(stack.sandbox.calls).toHaveLength(0);
  });

  it.each([
    [
      'an unknown appointment type',
      `{ availability(appointmentTypeId: "type_none", startDate: "2027-04-01", endDate: "2027-04-02") { id } }`,
    ],
    ['an unknown hold', `{ hold(id: "hold_none") { id } }`],
    ['releasing an unknown hold', `mutation { releaseHold(id: "hold_none") { id } }`],
  ])('answers NOT_FOUND for %s', async (_label, query) => {
    const { body } = await stack.query(query, booking);

    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a slot id given together with explicit slot fields', async () => {
    const slot = (await slots('2027-04-06', '2027-04-06')).slots[0]!;
    const { body } = await stack.query(
      `mutation ($id: ID!) { createHold(input: { slotId: $id, clinicianId: "cli_other" }) { id } }`,
      { ...booking, variables: { id: slot.id } },
    );

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.clinicianId',
    });
  });

  it('gives the booked appointment the slot’s local time and zone', async () => {
    const slot = (await slots('2027-04-07', '2027-04-07')).slots[0]!;
    const held = (await hold(slot.id)).body.data!.createHold!;
    const { body } = await stack.query<{ confirmHold: Record<string, unknown> }>(
      `mutation ($id: ID!, $p: ID!) { confirmHold(id: $id, input: { patientId: $p }) { startTime timeZone localDate localStartTime } }`,
      { ...booking, variables: { id: held.id, p: stack.sandbox.store.patients[1]!.id } },
    );

    expect(body.data?.confirmHold).toEqual({
      startTime: slot.startTime,
      timeZone: 'Europe/London',
      localDate: slot.localDate,
      localStartTime: slot.localStartTime,
    });
  });

  it('refuses a slot start outside the years it can reason about', async () => {
    const forged = Buffer.from(
      JSON.stringify({
        appointmentTypeId: 't',
        clinicianId: 'c',
        locationId: null,
        startTime: '+275760-09-13T00:00:00Z',
      }),
    ).toString('base64url');
    const { body } = await hold(forged);

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.slotId',
    });
  });

  it('refuses a slot id it did not issue', async () => {
    const { body } = await hold('bm90LWEtc2xvdA');

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.slotId',
    });
  });
});

describe('time zones on the days the UK clocks change', () => {
  const offsetHours = (slot: Slot) => {
    const local = Date.parse(`${slot.localDate}T${slot.localStartTime}:00Z`);

    return (local - Date.parse(slot.startTime!)) / 3_600_000;
  };

  it.each([
    // 26 and 29 March 2027 are Good Friday and Easter Monday, bank holidays with no sessions.
    ['the Thursday before spring forward', '2027-03-25', 0],
    ['the Tuesday after spring forward', '2027-03-30', 1],
    ['the Friday before fall back', '2027-10-29', 1],
    ['the Monday after fall back', '2027-11-01', 0],
  ])('gives London slots on %s with the right UTC offset', async (_label, day, offset) => {
    now = new Date(`${day}T00:00:00Z`);
    const { body, slots: found } = await slots(day, day);

    expect(body.errors).toBeUndefined();
    expect(found.length).toBeGreaterThan(0);
    for (const slot of found) {
      expect(slot.timeZone).toBe('Europe/London');
      expect(slot.localDate).toBe(day);
      expect(offsetHours(slot)).toBe(offset);
      expect(toLocalTime(new Date(slot.startTime!), 'Europe/London')).toEqual({
        date: slot.localDate,
        time: slot.localStartTime,
      });
    }
  });

  it.each(['2027-03-30', '2027-11-01'])(
    'holds exactly the instant of a slot on %s',
    async (day) => {
      now = new Date(`${day}T00:00:00Z`);
      const slot = (await slots(day, day)).slots[2]!;
      const { body } = await hold(slot.id);

      expect(body.errors).toBeUndefined();
      expect(body.data?.createHold).toMatchObject({
        startTime: slot.startTime,
        localStartTime: slot.localStartTime,
      });
    },
  );

  it('refuses to hold a start in the repeated hour of the autumn change, without calling Jump', async () => {
    const type = await bookableType();
    const clinician = stack.sandbox.store.clinicians[0]!;
    stack.sandbox.resetCalls();
    const { body } = await stack.query(
      `mutation { createHold(input: { appointmentTypeId: "${type.id}", clinicianId: "${clinician.id}",
        startTime: "2027-10-31T00:30:00Z" }) { id } }`,
      booking,
    );

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.startTime',
    });
    expect(stack.sandbox.calls.filter((call) => call.path === '/holds')).toHaveLength(0);
  });
});

describe('scopes of the booking fields', () => {
  it.each([
    [
      'availability',
      `{ availability(appointmentTypeId: "type_x", startDate: "2027-04-01", endDate: "2027-04-02") { id } }`,
      KEYS.noscope,
      'read_availability',
    ],
    ['hold', `{ hold(id: "hold_x") { id } }`, KEYS.readonly, 'write_holds'],
    ['releaseHold', `mutation { releaseHold(id: "hold_x") { id } }`, KEYS.readonly, 'write_holds'],
    [
      'confirmHold',
      `mutation { confirmHold(id: "hold_x", input: { patientId: "pat_x" }) { id } }`,
      KEYS.readonly,
      'write_holds',
    ],
    [
      'appointmentTypes',
      `{ appointmentTypes { nodes { id } } }`,
      KEYS.noscope,
      'read_appointment_types',
    ],
    ['clinicians', `{ clinicians { nodes { id } } }`, KEYS.noscope, 'read_clinicians'],
    ['locations', `{ locations { nodes { id } } }`, KEYS.noscope, 'read_locations'],
  ])(
    'answers FORBIDDEN for %s with requiredScope and request_id',
    async (field, query, key, scope) => {
      const { body } = await stack.query(query, { key });

      expect(body.data).toEqual({ [field]: null });
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        requiredScope: scope,
      });
      expect(body.errors?.[0]?.extensions?.request_id).toMatch(/^req_/);
    },
  );
});
