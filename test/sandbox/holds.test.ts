import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  Appointment,
  AppointmentType,
  Clinician,
  Hold,
  Location,
  Patient,
  Weekday,
} from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';
import {
  EMPTY_DIARY_ANCHOR,
  GP,
  activeWithRole,
  londonClock,
  query,
  sessionAt,
  typeOf,
  utc,
  weekdayOf,
  type HoldBody,
  type SlotsBody,
} from './booking-fixtures.js';

// A Monday, 07:00 in London (GMT): the week before the clocks go forward.
const NOW = new Date('2027-03-22T07:00:00Z');
let clock = NOW;
const api = useSandbox({ anchorDate: EMPTY_DIARY_ANCHOR, now: () => clock });

afterEach(() => {
  clock = NOW;
});

type AppointmentBody = ItemBody<Appointment> & ErrorBody;

const postHold = (json: unknown, key?: string) =>
  api.request<HoldBody>('/holds', { method: 'POST', json, key });

const getHold = (id: string, key?: string) => api.request<HoldBody>(`/holds/${id}`, { key });

const releaseHold = (id: string, key?: string) =>
  api.request<HoldBody>(`/holds/${id}`, { method: 'DELETE', key });

const confirmHold = (id: string, json: unknown, key?: string) =>
  api.request<AppointmentBody>(`/holds/${id}/confirm`, { method: 'POST', json, key });

const store = () => api.sandbox.store;
const gp = () => activeWithRole(store(), GP)[0] as Clinician;
const gpType = () => typeOf(store(), 'gp');
const livePatient = () => store().patients.find((patient) => !patient.archived_at) as Patient;

// Weekdays from April to June 2027 (all in BST), bank holidays left out. Each test takes days of
// its own, so no test meets another's holds or appointments.
const FREE_DAYS: string[] = [];
for (let ms = Date.UTC(2027, 3, 5); ms < Date.UTC(2027, 6, 1); ms += 86_400_000) {
  const date = new Date(ms).toISOString().slice(0, 10);
  const weekday = new Date(ms).getUTCDay();
  if (weekday !== 0 && weekday !== 6 && !['2027-05-03', '2027-05-31'].includes(date)) {
    FREE_DAYS.push(date);
  }
}

function takeDay(weekday?: Weekday): string {
  const index = FREE_DAYS.findIndex((date) => weekday === undefined || weekdayOf(date) === weekday);
  const [date] = FREE_DAYS.splice(index, 1);
  if (index < 0 || !date) throw new Error('No free day left');

  return date;
}

/** A body holding the first GP's 09:00 GP consultation on a day of the test's own. */
function gpHold(change: Record<string, unknown> = {}) {
  const date = typeof change.date === 'string' ? change.date : takeDay();

  return {
    appointment_type_id: gpType().id,
    clinician_id: gp().id,
    start_time: '09:00',
    ...change,
    date,
  };
}

async function hold(change: Record<string, unknown> = {}): Promise<Hold> {
  const { status, body } = await postHold(gpHold(change));
  if (status !== 201) throw new Error(`hold failed: ${status} ${body.details}`);

  return body.data;
}

describe('POST /holds', () => {
  it('holds the slot for exactly 15 minutes, at the clinician’s site that day, as an active hold', async () => {
    clock = new Date('2027-03-22T07:03:20.750Z');
    const body = gpHold();
    const site = sessionAt(store(), gp().id, body.date, '08:30').location_id;
    const { status, body: created } = await postHold(body);

    expect(status).toBe(201);
    expect(created.data).toEqual({
      id: created.data.id,
      appointment_type_id: gpType().id,
      clinician_id: gp().id,
      location_id: site,
      start_time: utc(body.date, '09:00', 1),
      end_time: utc(body.date, '09:15', 1),
      expires_at: '2027-03-22T07:18:20Z',
      status: 'active',
      appointment_id: null,
      patient_id: null,
      created_at: '2027-03-22T07:03:20Z',
    });
    expect(Object.keys(created.data)).toEqual([
      'id',
      'appointment_type_id',
      'clinician_id',
      'location_id',
      'start_time',
      'end_time',
      'expires_at',
      'status',
      'appointment_id',
      'patient_id',
      'created_at',
    ]);
    expect(created.data.id).toMatch(/^hold_[0-9a-f]{24}$/);
    expect(store().getHold(created.data.id)).toEqual(created.data);
  });

  it('holds a remote video slot, which has no location', async () => {
    const remote = store()
      .listSessions({ clinicianId: gp().id })
      .find((session) => session.is_remote);
    const date = takeDay(remote?.weekday);
    const { status, body } = await postHold({
      appointment_type_id: typeOf(store(), 'video').id,
      clinician_id: gp().id,
      date,
      start_time: '14:15',
    });

    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      location_id: null,
      start_time: utc(date, '14:15', 1),
      end_time: utc(date, '14:30', 1),
    });
  });

  it('holds at the location named when the clinician is there', async () => {
    const date = takeDay();
    const site = sessionAt(store(), gp().id, date, '08:30').location_id;
    const { status, body } = await postHold(gpHold({ date, location_id: site }));

    expect(status).toBe(201);
    expect(body.data.location_id).toBe(site);
  });

  it.each([
    ['2027-03-25', '2027-03-25T09:00:00Z'],
    ['2027-03-30', '2027-03-30T08:00:00Z'],
    ['2027-10-29', '2027-10-29T08:00:00Z'],
    ['2027-11-01', '2027-11-01T09:00:00Z'],
  ])('reads 09:00 on %s on a London clock as %s', async (date, start) => {
    const { status, body } = await postHold(gpHold({ date }));

    expect(status).toBe(201);
    expect(body.data.start_time).toBe(start);
  });

  it('answers 400 listing every missing field', async () => {
    const { status, body } = await postHold({});

    expect(status).toBe(400);
    expect(body.details).toBe(
      'appointment_type_id is required; clinician_id is required; date is required; start_time is required',
    );
    expect(body.fields?.map((field) => field.field)).toEqual([
      'appointment_type_id',
      'clinician_id',
      'date',
      'start_time',
    ]);
  });

  it.each([
    [{ date: '2027-02-29' }, 'date must be a valid date in YYYY-MM-DD format'],
    [{ start_time: '9:00' }, 'start_time must be a time in HH:MM format'],
    [{ start_time: '09:00:00' }, 'start_time must be a time in HH:MM format'],
    [{ start_time: '24:00' }, 'start_time must be a time in HH:MM format'],
    [{ location_id: 7 }, 'location_id must be a string'],
  ])('answers 400 for %o', async (change, details) => {
    const { status, body } = await postHold(gpHold(change));

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('answers 400 naming each reference that matches nothing', async () => {
    const { status, body } = await postHold(
      gpHold({
        appointment_type_id: 'type_nothing',
        clinician_id: 'cli_nobody',
        location_id: 'loc_nowhere',
      }),
    );

    expect(status).toBe(400);
    expect(body.fields?.map((field) => field.message)).toEqual([
      'appointment_type_id does not match any appointment type',
      'clinician_id does not match any clinician',
      'location_id does not match any location',
    ]);
  });

  it('answers 400 for a type not bookable online, a clinician who left and a closed site', async () => {
    const { status, body } = await postHold(
      gpHold({
        appointment_type_id: typeOf(store(), 'gpExtended').id,
        clinician_id: store().clinicians.find((clinician) => !clinician.is_active)?.id,
        location_id: store().locations.find((location) => !location.is_active)?.id,
      }),
    );

    expect(status).toBe(400);
    expect(body.fields?.map((field) => field.message)).toEqual([
      'appointment_type_id names an appointment type that cannot be booked online: the practice books it directly',
      'clinician_id names a clinician who is no longer active',
      'location_id names a location that is closed',
    ]);
  });

  describe('refuses what is not a bookable slot with 400', () => {
    const notBookable = async (change: Record<string, unknown>, reason: string) => {
      const body = gpHold(change);
      const { status, body: answer } = await postHold(body);
      const details = `start_time ${body.start_time} on ${body.date} is not a bookable slot: ${reason}`;

      expect(status).toBe(400);
      expect(answer.details).toBe(details);
      expect(answer.fields).toEqual([{ field: 'start_time', message: details }]);
    };
    const noSlot = () =>
      `Dr ${gp().first_name} ${gp().last_name} has no GP consultation slot starting then`;

    it('a time off the slot grid', async () => {
      await notBookable({ start_time: '09:07' }, noSlot());
    });

    it('a slot that would run past the end of the session', async () => {
      await notBookable({ start_time: '12:20' }, noSlot());
    });

    it('a time between sessions', async () => {
      await notBookable({ start_time: '13:00' }, noSlot());
    });

    it('a weekend', async () => {
      await notBookable({ date: '2027-04-10' }, noSlot());
    });

    it('a bank holiday', async () => {
      await notBookable({ date: '2027-05-03' }, noSlot());
    });

    it('a clinician who does not run the type', async () => {
      const nurse = activeWithRole(store(), 'Practice Nurse')[0] as Clinician;

      await notBookable(
        { clinician_id: nurse.id },
        `${nurse.first_name} ${nurse.last_name} has no GP consultation slot starting then`,
      );
    });

    it('a location the clinician is not at that day', async () => {
      const date = takeDay();
      const site = sessionAt(store(), gp().id, date, '08:30').location_id;
      const elsewhere = store().locations.find((l) => l.is_active && l.id !== site) as Location;

      await notBookable({ date, location_id: elsewhere.id }, `${noSlot()} at ${elsewhere.name}`);
    });

    it('a video consultation in an in-person session', async () => {
      const video = typeOf(store(), 'video');

      await notBookable(
        { appointment_type_id: video.id },
        `Dr ${gp().first_name} ${gp().last_name} has no Video GP consultation slot starting then`,
      );
    });

    it('a slot in the past', async () => {
      await notBookable({ date: '2027-03-19' }, 'it is in the past');
    });

    it('a slot less than the type’s booking notice ahead', async () => {
      await notBookable(
        { date: '2027-03-22', start_time: '08:45' },
        'GP consultation must be booked at least 2 hours ahead',
      );
    });
  });

  it('refuses a video slot less than its one hour of notice ahead', async () => {
    const remote = store()
      .listSessions({ clinicianId: gp().id })
      .find((session) => session.is_remote);
    const week = ['2027-11-01', '2027-11-02', '2027-11-03', '2027-11-04', '2027-11-05'];
    const date = week.find((candidate) => weekdayOf(candidate) === remote?.weekday) as string;
    clock = new Date(`${date}T13:30:00Z`);
    const { status, body } = await postHold(
      gpHold({ appointment_type_id: typeOf(store(), 'video').id, date, start_time: '14:15' }),
    );

    expect(status).toBe(400);
    expect(body.details).toBe(
      `start_time 14:15 on ${date} is not a bookable slot: Video GP consultation must be booked at least 1 hour ahead`,
    );
  });

  it('holds a slot exactly the booking notice ahead', async () => {
    const { status } = await postHold(gpHold({ date: '2027-03-22', start_time: '09:00' }));

    expect(status).toBe(201);
  });

  it('answers 409 while a live hold has the slot, and holds it once that one is released', async () => {
    const body = gpHold();
    const first = await postHold(body);
    const second = await postHold(body);
    await releaseHold(first.body.data.id);
    const third = await postHold(body);

    expect(second.status).toBe(409);
    expect(second.body.details).toBe(
      `The slot from ${first.body.data.start_time} to ${first.body.data.end_time} with clinician_id ${gp().id} is held by another booking until 2027-03-22T07:15:00Z`,
    );
    expect(third.status).toBe(201);
  });

  it('answers 409 when an appointment overlaps any of the slot, and holds it once cancelled', async () => {
    const body = gpHold();
    const site = sessionAt(store(), gp().id, body.date, '08:30').location_id;
    const booked = await api.request<AppointmentBody>('/appointments', {
      method: 'POST',
      json: {
        patient_id: livePatient().id,
        clinician_profile_id: gp().id,
        appointment_type_id: gpType().id,
        location_id: site,
        start_time: utc(body.date, '09:10', 1),
        end_time: utc(body.date, '09:20', 1),
      },
    });
    const refused = await postHold(body);
    await api.request(`/appointments/${booked.body.data.id}/cancel`, {
      method: 'POST',
      json: { cancellation_reason: 'Rebooked' },
    });
    const held = await postHold(body);

    expect(booked.status).toBe(201);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toBe(
      `The slot from ${utc(body.date, '09:00', 1)} to ${utc(body.date, '09:15', 1)} with clinician_id ${gp().id} is already booked`,
    );
    expect(held.status).toBe(201);
  });

  it('gives exactly one of 20 concurrent requests for one slot a 201, and the rest 409', async () => {
    const body = gpHold();
    const answers = await Promise.all(Array.from({ length: 20 }, () => postHold(body)));
    const statuses = answers.map((answer) => answer.status).sort();
    const holds = store().listHolds({ clinicianId: gp().id, liveAt: clock.getTime() });

    expect(statuses).toEqual([201, ...Array.from({ length: 19 }, () => 409)]);
    expect(holds.filter((held) => held.start_time === utc(body.date, '09:00', 1))).toHaveLength(1);
  });
});

describe('GET /holds/{id}', () => {
  it('returns the hold, active until the second its expiry is reached', async () => {
    const created = await hold();
    clock = new Date('2027-03-22T07:14:59Z');
    const before = await getHold(created.id);
    clock = new Date('2027-03-22T07:15:00Z');
    const at = await getHold(created.id);

    expect(before.status).toBe(200);
    expect(before.body.data).toEqual(created);
    expect(at.body.data).toEqual({ ...created, status: 'expired' });
  });

  it('frees the slot for a new hold once the old one has expired', async () => {
    const body = gpHold();
    await postHold(body);
    clock = new Date('2027-03-22T07:15:00Z');
    const again = await postHold(body);

    expect(again.status).toBe(201);
    expect(again.body.data.expires_at).toBe('2027-03-22T07:30:00Z');
  });

  it('answers 404 naming the hold', async () => {
    const { status, body } = await getHold('hold_none');

    expect(status).toBe(404);
    expect(body.details).toBe('Hold hold_none not found');
  });
});

describe('DELETE /holds/{id}', () => {
  it('releases an active hold, which stays released after its expiry time', async () => {
    const created = await hold();
    const released = await releaseHold(created.id);
    clock = new Date('2027-03-22T08:00:00Z');
    const later = await getHold(created.id);

    expect(released.status).toBe(200);
    expect(released.body.data).toEqual({ ...created, status: 'released' });
    expect(later.body.data.status).toBe('released');
  });

  it('answers 409 for a hold already released', async () => {
    const created = await hold();
    await releaseHold(created.id);
    const { status, body } = await releaseHold(created.id);

    expect(status).toBe(409);
    expect(body.details).toBe(`Hold ${created.id} cannot be released: hold was released`);
  });

  it('answers 409 for an expired hold', async () => {
    const created = await hold();
    clock = new Date('2027-03-22T07:20:00Z');
    const { status, body } = await releaseHold(created.id);

    expect(status).toBe(409);
    expect(body.details).toBe(
      `Hold ${created.id} cannot be released: hold has expired (at 2027-03-22T07:15:00Z)`,
    );
  });

  it('answers 409 for a confirmed hold', async () => {
    const created = await hold();
    const confirmed = await confirmHold(created.id, { patient_id: livePatient().id });
    const { status, body } = await releaseHold(created.id);

    expect(status).toBe(409);
    expect(body.details).toBe(
      `Hold ${created.id} cannot be released: hold is already confirmed as appointment ${confirmed.body.data.id}`,
    );
  });

  it('answers 404 for an unknown hold', async () => {
    expect((await releaseHold('hold_none')).status).toBe(404);
  });
});

describe('POST /holds/{id}/confirm', () => {
  it('turns the hold into a confirmed online appointment for the patient', async () => {
    clock = new Date('2027-03-22T07:10:00Z');
    const created = await hold();
    const patient = livePatient();
    const type = gpType();
    const { status, body } = await confirmHold(created.id, { patient_id: patient.id });
    const listed = await api.request<ListBody<Appointment>>(
      `/appointments?patient_id=${patient.id}`,
    );
    const after = await getHold(created.id);

    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: body.data.id,
      patient_id: patient.id,
      clinician_profile_id: created.clinician_id,
      appointment_type_id: type.id,
      location_id: created.location_id,
      title: type.name,
      start_time: created.start_time,
      end_time: created.end_time,
      status: 'confirmed',
      is_remote: false,
      attendee_name: `${patient.first_name} ${patient.last_name}`,
      attendee_email: patient.email,
      attendee_phone: patient.phone,
      notes: null,
      description: null,
      duration_minutes: 15,
      cancellation_reason: null,
      booking_source: 'online',
      created_at: '2027-03-22T07:10:00Z',
      updated_at: '2027-03-22T07:10:00Z',
    });
    expect(listed.body.data).toContainEqual(body.data);
    expect(after.body.data).toEqual({
      ...created,
      status: 'confirmed',
      appointment_id: body.data.id,
      patient_id: patient.id,
    });
  });

  it('keeps the slot taken after confirming, even once the hold’s 15 minutes are up', async () => {
    const created = await hold();
    await confirmHold(created.id, { patient_id: livePatient().id });
    clock = new Date('2027-03-22T09:00:00Z');
    const date = created.start_time.slice(0, 10);
    const { body } = await api.request<SlotsBody>(
      `/availability?${query({ appointment_type_id: gpType().id, start_date: date, end_date: date, clinician_id: gp().id })}`,
    );

    expect(body.data.map((slot) => slot.start_time)).not.toContain(created.start_time);
  });

  it('takes the attendee, contact details and notes from the body', async () => {
    const created = await hold();
    const { status, body } = await confirmHold(created.id, {
      patient_id: livePatient().id,
      attendee_name: 'Sam Carer',
      attendee_email: null,
      attendee_phone: '+44 7700 900123',
      notes: 'Attending with her son',
    });

    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      attendee_name: 'Sam Carer',
      attendee_email: null,
      attendee_phone: '+44 7700 900123',
      notes: 'Attending with her son',
    });
  });

  it('books a remote hold as a remote appointment', async () => {
    const remote = store()
      .listSessions({ clinicianId: gp().id })
      .find((session) => session.is_remote);
    const created = await hold({
      appointment_type_id: typeOf(store(), 'video').id,
      date: takeDay(remote?.weekday),
      start_time: '15:00',
    });
    const { body } = await confirmHold(created.id, { patient_id: livePatient().id });

    expect(body.data).toMatchObject({
      is_remote: true,
      location_id: null,
      title: 'Video GP consultation',
      booking_source: 'online',
    });
  });

  it('answers 409 for an expired hold, and books nothing', async () => {
    const created = await hold();
    const before = store().appointments.length;
    clock = new Date('2027-03-22T07:15:00Z');
    const { status, body } = await confirmHold(created.id, { patient_id: livePatient().id });

    expect(status).toBe(409);
    expect(body.details).toBe(
      `Hold ${created.id} cannot be confirmed: hold has expired (at 2027-03-22T07:15:00Z)`,
    );
    expect(store().appointments).toHaveLength(before);
  });

  it('answers 409 for a released hold', async () => {
    const created = await hold();
    await releaseHold(created.id);
    const { status, body } = await confirmHold(created.id, { patient_id: livePatient().id });

    expect(status).toBe(409);
    expect(body.details).toBe(`Hold ${created.id} cannot be confirmed: hold was released`);
  });

  it('answers 409 when confirmed twice, naming the appointment', async () => {
    const created = await hold();
    const first = await confirmHold(created.id, { patient_id: livePatient().id });
    const second = await confirmHold(created.id, { patient_id: livePatient().id });

    expect(second.status).toBe(409);
    expect(second.body.details).toBe(
      `Hold ${created.id} cannot be confirmed: hold is already confirmed as appointment ${first.body.data.id}`,
    );
  });

  it('answers 409 when an appointment written straight to the store has taken the slot', async () => {
    const created = await hold();
    const template = store().appointments[0] as Appointment;
    store().createAppointment({
      ...template,
      clinician_profile_id: created.clinician_id,
      start_time: created.start_time,
      end_time: created.end_time,
      status: 'confirmed',
    });
    const { status, body } = await confirmHold(created.id, { patient_id: livePatient().id });

    expect(status).toBe(409);
    expect(body.details).toBe(`Hold ${created.id} cannot be confirmed: its slot is already booked`);
  });

  const archivedPatient = () => store().patients.find((patient) => patient.archived_at) as Patient;

  it.each([
    ['no patient_id', () => ({}), 'patient_id is required'],
    [
      'an unknown patient',
      () => ({ patient_id: 'pat_nobody' }),
      'patient_id does not match any patient',
    ],
    [
      'an archived patient',
      () => ({ patient_id: archivedPatient().id }),
      'patient_id names an archived patient',
    ],
    [
      'a malformed attendee_email',
      () => ({ patient_id: livePatient().id, attendee_email: 'nobody' }),
      'attendee_email must be a valid email address',
    ],
  ])('answers 400 for %s, leaving the hold active', async (_, json, details) => {
    const created = await hold();
    const { status, body: answer } = await confirmHold(created.id, json());

    expect(status).toBe(400);
    expect(answer.details).toBe(details);
    expect((await getHold(created.id)).body.data.status).toBe('active');
  });

  it('answers 404 for an unknown hold', async () => {
    const { status, body } = await confirmHold('hold_none', { patient_id: livePatient().id });

    expect(status).toBe(404);
    expect(body.details).toBe('Hold hold_none not found');
  });
});

describe('booking directly over a held slot', () => {
  function directBooking(held: Hold, change: Record<string, unknown> = {}) {
    return {
      patient_id: livePatient().id,
      clinician_profile_id: held.clinician_id,
      appointment_type_id: held.appointment_type_id,
      location_id: held.location_id,
      start_time: held.start_time,
      ...change,
    };
  }

  it('answers POST /appointments 409 while the hold is live, and books once it is released', async () => {
    const held = await hold();
    const refused = await api.request<AppointmentBody>('/appointments', {
      method: 'POST',
      json: directBooking(held),
    });
    await releaseHold(held.id);
    const booked = await api.request<AppointmentBody>('/appointments', {
      method: 'POST',
      json: directBooking(held),
    });

    expect(refused.status).toBe(409);
    expect(refused.body.details).toBe(
      `clinician_profile_id ${held.clinician_id} is held from ${held.start_time} to ${held.end_time} by a booking in progress until ${held.expires_at}`,
    );
    expect(booked.status).toBe(201);
  });

  it('answers 409 to a move onto the held time with PATCH /appointments/{id}', async () => {
    const held = await hold();
    const later = new Date(Date.parse(held.start_time) + 3_600_000).toISOString();
    const booked = await api.request<AppointmentBody>('/appointments', {
      method: 'POST',
      json: directBooking(held, { start_time: later }),
    });
    const moved = await api.request<AppointmentBody>(`/appointments/${booked.body.data.id}`, {
      method: 'PATCH',
      json: { start_time: held.start_time },
    });

    expect(booked.status).toBe(201);
    expect(moved.status).toBe(409);
  });
});

describe('POST /holds on the clock-change nights, with a session planted from midnight to 04:00', () => {
  const night = useSandbox({ anchorDate: EMPTY_DIARY_ANCHOR, now: () => NOW });
  let clinician: Clinician;
  let type: AppointmentType;

  beforeAll(() => {
    const { store: nightStore } = night.sandbox;
    clinician = activeWithRole(nightStore, GP)[0] as Clinician;
    type = typeOf(nightStore, 'gp');
    nightStore.createSession({
      clinician_id: clinician.id,
      weekday: 'sunday',
      start_time: '00:00',
      end_time: '04:00',
      location_id: nightStore.locations.find((location) => location.is_active)?.id ?? null,
      is_remote: false,
      appointment_type_ids: [type.id],
    });
  });

  const holdAt = (date: string, time: string) =>
    night.request<HoldBody>('/holds', {
      method: 'POST',
      json: { appointment_type_id: type.id, clinician_id: clinician.id, date, start_time: time },
    });

  it('answers 400 for 01:30 on 28 March 2027, a time London’s clocks skip', async () => {
    const { status, body } = await holdAt('2027-03-28', '01:30');

    expect(status).toBe(400);
    expect(body.details).toBe(
      'start_time 01:30 does not exist on 2027-03-28 in Europe/London: the clocks go forward an hour that night',
    );
    expect(body.fields?.map((field) => field.field)).toEqual(['start_time']);
  });

  it('answers 400 for 01:30 on 31 October 2027, a time London’s clocks show twice', async () => {
    const { status, body } = await holdAt('2027-10-31', '01:30');

    expect(status).toBe(400);
    expect(body.details).toBe(
      'start_time 01:30 is ambiguous on 2027-10-31 in Europe/London: the clocks go back an hour that night, so it occurs twice',
    );
  });

  it.each([
    ['2027-03-28', '00:45', '2027-03-28T00:45:00Z'],
    ['2027-03-28', '02:00', '2027-03-28T01:00:00Z'],
    ['2027-10-31', '00:30', '2027-10-30T23:30:00Z'],
    ['2027-10-31', '02:00', '2027-10-31T02:00:00Z'],
  ])('holds %s %s as %s', async (date, time, start) => {
    const { status, body } = await holdAt(date, time);

    expect(status).toBe(201);
    expect(body.data.start_time).toBe(start);
  });

  it('holds 02:00 on an ordinary Sunday in BST, and refuses 02:05, which starts no slot', async () => {
    const slotStart = await holdAt('2027-04-04', '02:00');
    const offGrid = await holdAt('2027-04-04', '02:05');

    expect(slotStart.status).toBe(201);
    expect(slotStart.body.data.start_time).toBe('2027-04-04T01:00:00Z');
    expect(offGrid.status).toBe(400);
  });
});

describe('scopes', () => {
  it.each([
    ['POST', '/holds', {}],
    ['GET', '/holds/hold_none', undefined],
    ['DELETE', '/holds/hold_none', undefined],
    ['POST', '/holds/hold_none/confirm', {}],
  ])('%s %s needs write_holds', async (method, path, json) => {
    const { status, body } = await api.request<ErrorBody>(path, {
      method,
      json,
      key: KEYS.readonly,
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: write_holds');
  });

  it('has no list route: GET /holds is 405, allowing POST', async () => {
    const response = await api.request<ErrorBody>('/holds');

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('lets the booking key run the whole flow: type, slot, hold, patient, confirm', async () => {
    const key = KEYS.booking;
    const types = await api.request<ListBody<AppointmentType>>('/appointment-types', { key });
    const type = types.body.data.find(
      (candidate) => candidate.is_active && candidate.allow_online_booking,
    ) as AppointmentType;
    const date = takeDay();
    const slots = await api.request<SlotsBody>(
      `/availability?${query({ appointment_type_id: type.id, start_date: date, end_date: date })}`,
      { key },
    );
    const slot = slots.body.data[0];
    const london = londonClock(slot?.start_time ?? '');
    const held = await postHold(
      {
        appointment_type_id: type.id,
        clinician_id: slot?.clinician_id,
        date: london.date,
        start_time: london.time,
        location_id: slot?.location_id,
      },
      key,
    );
    const search = await api.request<ListBody<Patient>>('/patients?search=Widgetson', { key });
    const patient = await api.request<ItemBody<Patient>>('/patients', {
      method: 'POST',
      key,
      json: { first_name: 'Wendy', last_name: 'Widgetson', date_of_birth: '1990-06-01' },
    });
    const confirmed = await confirmHold(
      held.body.data.id,
      { patient_id: patient.body.data.id },
      key,
    );
    const after = await getHold(held.body.data.id, key);

    expect(slots.status).toBe(200);
    expect(held.status).toBe(201);
    expect(held.body.data.start_time).toBe(slot?.start_time);
    expect(search.body.data).toEqual([]);
    expect(patient.status).toBe(201);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.data).toMatchObject({
      patient_id: patient.body.data.id,
      start_time: slot?.start_time,
      attendee_name: 'Wendy Widgetson',
      booking_source: 'online',
    });
    expect(after.body.data.status).toBe('confirmed');
  });
});
