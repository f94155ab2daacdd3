import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionSlots, type AvailableSlot } from '../../src/sandbox/availability.js';
import { parseCalendarDate } from '../../src/sandbox/calendar.js';
import type { Appointment, Clinician, Location, Patient } from '../../src/sandbox/records.js';
import { SandboxStore } from '../../src/sandbox/store.js';
import { KEYS, useSandbox, type ErrorBody, type ItemBody } from '../support/sandbox-http.js';
import {
  EMPTY_DIARY_ANCHOR,
  GP,
  activeWithRole,
  londonClock,
  query,
  sessionAt,
  slotStarts,
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

type SlotParams = Record<string, string | undefined>;

const availability = (params: SlotParams, key?: string) =>
  api.request<SlotsBody>(`/availability?${query(params)}`, { key });

/** The slots of one type from `start_date` to `end_date` (default: the same day). */
async function slotsOf(
  typeKey: Parameters<typeof typeOf>[1],
  startDate: string,
  endDate = startDate,
  extra: SlotParams = {},
): Promise<AvailableSlot[]> {
  const type = typeOf(api.sandbox.store, typeKey);
  const { status, body } = await availability({
    appointment_type_id: type.id,
    start_date: startDate,
    end_date: endDate,
    ...extra,
  });
  if (status !== 200) throw new Error(`availability failed: ${status} ${body.details}`);

  return body.data;
}

const startsOf = (slots: readonly AvailableSlot[], clinicianId?: string) =>
  slots
    .filter((slot) => clinicianId === undefined || slot.clinician_id === clinicianId)
    .map((slot) => slot.start_time);

const gps = () => activeWithRole(api.sandbox.store, GP);

function firstGp(): Clinician {
  const gp = gps()[0];
  if (!gp) throw new Error('No active GP');

  return gp;
}

describe('the session rota', () => {
  it('gives GPs two surgeries every weekday, one afternoon a week by video, at one or two sites', () => {
    const { store } = api.sandbox;
    for (const gp of gps()) {
      const sessions = store.listSessions({ clinicianId: gp.id });
      const remote = sessions.filter((session) => session.is_remote);
      const sites = new Set(sessions.flatMap((session) => session.location_id ?? []));

      expect(sessions.map((s) => `${s.weekday} ${s.start_time}-${s.end_time}`)).toEqual(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((day) => [
          `${day} 08:30-12:30`,
          `${day} 14:00-18:00`,
        ]),
      );
      expect(remote).toHaveLength(1);
      expect(remote[0]).toMatchObject({ start_time: '14:00', location_id: null });
      expect(remote[0]?.appointment_type_ids).toEqual([typeOf(store, 'video').id]);
      expect(sites.size).toBeGreaterThanOrEqual(1);
      expect(sites.size).toBeLessThanOrEqual(2);
    }
  });

  it('gives the physiotherapist three days, and nobody sessions at weekends or after leaving', () => {
    const { store } = api.sandbox;
    const physio = activeWithRole(store, 'Physiotherapist')[0] as Clinician;
    const physioDays = new Set(
      store.listSessions({ clinicianId: physio.id }).map((s) => s.weekday),
    );
    const leavers = store.clinicians.filter((clinician) => !clinician.is_active);

    expect(physioDays.size).toBe(3);
    expect(leavers.length).toBeGreaterThan(0);
    for (const leaver of leavers)
      expect(store.listSessions({ clinicianId: leaver.id })).toEqual([]);
    for (const session of store.sessions) {
      expect(['saturday', 'sunday']).not.toContain(session.weekday);
      expect(session.start_time < session.end_time).toBe(true);
      expect(session.is_remote).toBe(session.location_id === null);
      if (session.location_id) expect(store.getLocation(session.location_id)?.is_active).toBe(true);
    }
  });

  it('offers the types each role runs, and only active ones', () => {
    const { store } = api.sandbox;
    const offered = (role: string) =>
      new Set(
        store.sessions
          .filter((session) => store.getClinician(session.clinician_id)?.role === role)
          .flatMap((session) => session.appointment_type_ids)
          .map((id) => store.getAppointmentType(id)?.name),
      );

    expect(offered(GP)).toEqual(
      new Set(['GP consultation', 'Extended GP consultation', 'Video GP consultation']),
    );
    expect(offered('Practice Nurse')).toEqual(
      new Set(['Practice nurse appointment', 'Blood test', 'Travel clinic']),
    );
    expect(offered('Advanced Nurse Practitioner')).toEqual(new Set(['Practice nurse appointment']));
    expect(offered('Physiotherapist')).toEqual(new Set(['Physiotherapy assessment']));
    expect(offered('Clinical Pharmacist')).toEqual(new Set());
  });

  it('is the same for the same seed', () => {
    const again = new SandboxStore({
      seed: 20260101,
      patientCount: 600,
      anchorDate: EMPTY_DIARY_ANCHOR,
      now: () => NOW,
    });

    expect(again.sessions).toEqual(api.sandbox.store.sessions);
  });
});

describe('GET /availability', () => {
  it('lists one day’s GP slots: 15 minutes each, back to back from each session start, by start then clinician', async () => {
    const { store } = api.sandbox;
    const date = '2027-03-23';
    const gpType = typeOf(store, 'gp');
    const slots = await slotsOf('gp', date);
    const expected = store
      .listSessions({ weekday: weekdayOf(date) })
      .filter((session) => session.appointment_type_ids.includes(gpType.id))
      .flatMap((session) =>
        slotStarts(date, [session.start_time, session.end_time], 15, 0).map((start) => ({
          start,
          clinician: session.clinician_id,
          location: session.location_id,
        })),
      )
      .sort((a, b) => a.start.localeCompare(b.start) || a.clinician.localeCompare(b.clinician));

    expect(expected.length).toBeGreaterThan(40);
    expect(
      slots.map((slot) => ({
        start: slot.start_time,
        clinician: slot.clinician_id,
        location: slot.location_id,
      })),
    ).toEqual(expected);
    for (const slot of slots) {
      expect(Date.parse(slot.end_time) - Date.parse(slot.start_time)).toBe(15 * 60_000);
    }
  });

  it('answers each slot with the documented fields, times in UTC to the second', async () => {
    const [slot] = await slotsOf('gp', '2027-03-23');
    const clinician = api.sandbox.store.getClinician(slot?.clinician_id ?? '') as Clinician;
    const location = api.sandbox.store.getLocation(slot?.location_id ?? '') as Location;

    expect(Object.keys(slot ?? {})).toEqual([
      'start_time',
      'end_time',
      'clinician_id',
      'clinician_name',
      'location_id',
      'location_name',
      'is_remote',
    ]);
    expect(slot).toEqual({
      start_time: '2027-03-23T08:30:00Z',
      end_time: '2027-03-23T08:45:00Z',
      clinician_id: clinician.id,
      clinician_name: `Dr ${clinician.first_name} ${clinician.last_name}`,
      location_id: location.id,
      location_name: location.name,
      is_remote: false,
    });
  });

  it('fits 45-minute physiotherapy slots wholly inside each session, leaving the remainder', async () => {
    const { store } = api.sandbox;
    const physio = activeWithRole(store, 'Physiotherapist')[0] as Clinician;
    const workdays = new Set(store.listSessions({ clinicianId: physio.id }).map((s) => s.weekday));
    const date = ['2027-04-05', '2027-04-06', '2027-04-07', '2027-04-08', '2027-04-09'].find(
      (candidate) => workdays.has(weekdayOf(candidate)),
    ) as string;
    const slots = await slotsOf('physio', date);
    const local = ['09:00', '09:45', '10:30', '11:15', '12:00', '14:00', '14:45', '15:30', '16:15'];

    expect(slots.every((slot) => slot.clinician_name === 'Tomasz Nowak')).toBe(true);
    expect(startsOf(slots)).toEqual(local.map((time) => utc(date, time, 1)));
    expect(slots.at(-1)?.end_time).toBe(utc(date, '17:00', 1));
  });

  it('offers only the clinicians who run the type: nurses for blood tests, GPs for GP slots', async () => {
    const { store } = api.sandbox;
    const roleOf = (slot: AvailableSlot) => store.getClinician(slot.clinician_id)?.role;
    const week = ['2027-04-19', '2027-04-23'] as const;
    const bloods = await slotsOf('bloods', ...week);
    const nurse = await slotsOf('nurse', ...week);
    const gp = await slotsOf('gp', ...week);

    expect(new Set(bloods.map(roleOf))).toEqual(new Set(['Practice Nurse']));
    expect(new Set(nurse.map(roleOf))).toEqual(
      new Set(['Practice Nurse', 'Advanced Nurse Practitioner']),
    );
    expect(new Set(gp.map(roleOf))).toEqual(new Set([GP]));
    expect(new Set(gp.map((slot) => slot.clinician_id))).toEqual(
      new Set(gps().map((clinician) => clinician.id)),
    );
  });

  it('never offers the pharmacist, whose sessions take no online bookings, nor a clinician who has left', async () => {
    const { store } = api.sandbox;
    const onlineTypes = store.appointmentTypes.filter(
      (type) => type.is_active && type.allow_online_booking,
    );
    const seen = new Set<string>();
    for (const type of onlineTypes) {
      const { body } = await availability({
        appointment_type_id: type.id,
        start_date: '2027-04-19',
        end_date: '2027-04-23',
      });
      for (const slot of body.data) seen.add(slot.clinician_id);
    }
    const unseen = store.clinicians.filter((clinician) => !seen.has(clinician.id));

    expect(unseen.map((clinician) => clinician.role).sort()).toEqual(['Clinical Pharmacist', GP]);
    expect(unseen.find((clinician) => clinician.role === GP)?.is_active).toBe(false);
  });

  it('keeps video consultations to remote sessions, with no location, and GP slots in person', async () => {
    const video = await slotsOf('video', '2027-04-19', '2027-04-23');
    const gp = await slotsOf('gp', '2027-04-19', '2027-04-23');

    expect(video.length).toBeGreaterThan(0);
    for (const slot of video) {
      expect(slot).toMatchObject({ is_remote: true, location_id: null, location_name: null });
      expect(slot.start_time.slice(11) >= '13:00:00Z').toBe(true);
    }
    expect(gp.every((slot) => !slot.is_remote && slot.location_name !== null)).toBe(true);
  });

  it('has no slots at weekends or on bank holidays: Good Friday to Easter Monday 2027 is empty', async () => {
    expect(await slotsOf('gp', '2027-03-26', '2027-03-29')).toEqual([]);
    expect(await slotsOf('gp', '2027-05-03')).toEqual([]);
    expect(await slotsOf('gp', '2027-12-27', '2027-12-28')).toEqual([]);
  });

  describe('booking notice', () => {
    it('leaves out GP slots less than 2 hours ahead, keeping one exactly 2 hours ahead', async () => {
      const today = await slotsOf('gp', '2027-03-22');

      expect(today[0]?.start_time).toBe('2027-03-22T09:00:00Z');
      expect(startsOf(today)).not.toContain('2027-03-22T08:45:00Z');
    });

    it('moves with the clock', async () => {
      clock = new Date('2027-03-22T09:05:00Z');

      expect((await slotsOf('gp', '2027-03-22'))[0]?.start_time).toBe('2027-03-22T11:15:00Z');
    });

    it('holds nurse slots back 24 hours and physiotherapy 48 hours', async () => {
      const nurse = await slotsOf('nurse', '2027-03-22', '2027-03-23');
      const physio = await slotsOf('physio', '2027-03-22', '2027-03-26');

      expect(nurse.length).toBeGreaterThan(0);
      expect(nurse.every((slot) => slot.start_time >= '2027-03-23T07:00:00Z')).toBe(true);
      expect(nurse[0]?.start_time).toBe('2027-03-23T08:30:00Z');
      expect(physio.every((slot) => slot.start_time >= '2027-03-24T07:00:00Z')).toBe(true);
    });

    it('returns nothing for days already past', async () => {
      expect(await slotsOf('gp', '2027-03-15', '2027-03-19')).toEqual([]);
    });
  });

  describe('London time', () => {
    it('puts a 09:00 London slot at 08:00Z in July and at 09:00Z in January', async () => {
      const gp = firstGp();
      const july = await slotsOf('gp', '2027-07-06', '2027-07-06', { clinician_id: gp.id });
      const january = await slotsOf('gp', '2028-01-04', '2028-01-04', { clinician_id: gp.id });

      expect(startsOf(july)).toContain('2027-07-06T08:00:00Z');
      expect(july[0]?.start_time).toBe('2027-07-06T07:30:00Z');
      expect(startsOf(january)).toContain('2028-01-04T09:00:00Z');
      expect(january[0]?.start_time).toBe('2028-01-04T08:30:00Z');
    });

    it('converts through the week of the spring change (28 March 2027)', async () => {
      const gp = firstGp();
      const slots = await slotsOf('gp', '2027-03-25', '2027-03-31', { clinician_id: gp.id });
      const firstByDay = new Map<string, string>();
      for (const slot of slots) {
        const day = slot.start_time.slice(0, 10);
        if (!firstByDay.has(day)) firstByDay.set(day, slot.start_time);
      }

      // Friday and Monday are Good Friday and Easter Monday; the clocks change on the Sunday.
      expect([...firstByDay.values()]).toEqual([
        '2027-03-25T08:30:00Z',
        '2027-03-30T07:30:00Z',
        '2027-03-31T07:30:00Z',
      ]);
    });

    it('converts through the week of the autumn change (31 October 2027)', async () => {
      const gp = firstGp();
      const slots = await slotsOf('gp', '2027-10-28', '2027-11-02', { clinician_id: gp.id });
      const firstByDay = new Map<string, string>();
      for (const slot of slots) {
        const day = slot.start_time.slice(0, 10);
        if (!firstByDay.has(day)) firstByDay.set(day, slot.start_time);
      }

      expect([...firstByDay.values()]).toEqual([
        '2027-10-28T07:30:00Z',
        '2027-10-29T07:30:00Z',
        '2027-11-01T08:30:00Z',
        '2027-11-02T08:30:00Z',
      ]);
    });
  });

  describe('what is already taken', () => {
    const DAY = '2027-04-14';

    function gpMorning() {
      const gp = firstGp();
      const session = sessionAt(api.sandbox.store, gp.id, DAY, '08:30');

      return { gp, location: session.location_id as string };
    }

    it('removes every slot an appointment overlaps, and gives them back when it is cancelled', async () => {
      const { gp, location } = gpMorning();
      const patient = api.sandbox.store.patients.find((p) => !p.archived_at) as Patient;
      const booked = await api.request<ItemBody<Appointment>>('/appointments', {
        method: 'POST',
        json: {
          patient_id: patient.id,
          clinician_profile_id: gp.id,
          appointment_type_id: typeOf(api.sandbox.store, 'gp').id,
          location_id: location,
          start_time: utc(DAY, '09:40', 1),
          end_time: utc(DAY, '09:50', 1),
        },
      });
      const during = startsOf(await slotsOf('gp', DAY), gp.id);
      await api.request(`/appointments/${booked.body.data.id}/cancel`, {
        method: 'POST',
        json: { cancellation_reason: 'Rebooked' },
      });
      const after = startsOf(await slotsOf('gp', DAY), gp.id);

      expect(booked.status).toBe(201);
      expect(during).toContain(utc(DAY, '09:15', 1));
      expect(during).not.toContain(utc(DAY, '09:30', 1));
      expect(during).not.toContain(utc(DAY, '09:45', 1));
      expect(during).toContain(utc(DAY, '10:00', 1));
      expect(after).toContain(utc(DAY, '09:30', 1));
      expect(after).toContain(utc(DAY, '09:45', 1));
    });

    it('removes a held slot while the hold is live, and gives it back on release', async () => {
      const { gp } = gpMorning();
      const held = await hold(gp.id, '10:30');
      const during = startsOf(await slotsOf('gp', DAY), gp.id);
      await api.request(`/holds/${held.body.data.id}`, { method: 'DELETE' });
      const after = startsOf(await slotsOf('gp', DAY), gp.id);

      expect(held.status).toBe(201);
      expect(during).not.toContain(utc(DAY, '10:30', 1));
      expect(after).toContain(utc(DAY, '10:30', 1));
    });

    it('gives a held slot back once the hold expires, 15 minutes on', async () => {
      const { gp } = gpMorning();
      const held = await hold(gp.id, '11:00');
      clock = new Date(NOW.getTime() + 15 * 60_000 - 1000);
      const nearlyExpired = startsOf(await slotsOf('gp', DAY), gp.id);
      clock = new Date(NOW.getTime() + 15 * 60_000);
      const expired = startsOf(await slotsOf('gp', DAY), gp.id);

      expect(held.status).toBe(201);
      expect(nearlyExpired).not.toContain(utc(DAY, '11:00', 1));
      expect(expired).toContain(utc(DAY, '11:00', 1));
    });

    it('takes a slot from one clinician only', async () => {
      const { gp } = gpMorning();
      await hold(gp.id, '11:30');
      const slots = await slotsOf('gp', DAY);
      const others = slots.filter(
        (slot) => slot.start_time === utc(DAY, '11:30', 1) && slot.clinician_id !== gp.id,
      );

      expect(others.length).toBeGreaterThan(0);
    });

    function hold(clinicianId: string, time: string) {
      return api.request<HoldBody>('/holds', {
        method: 'POST',
        json: {
          appointment_type_id: typeOf(api.sandbox.store, 'gp').id,
          clinician_id: clinicianId,
          date: DAY,
          start_time: time,
        },
      });
    }
  });

  describe('filters', () => {
    const WEEK = ['2027-04-19', '2027-04-23'] as const;

    it('narrows to one clinician with clinician_id', async () => {
      const gp = firstGp();
      const all = await slotsOf('gp', ...WEEK);
      const one = await slotsOf('gp', ...WEEK, { clinician_id: gp.id });

      expect(one.length).toBeGreaterThan(0);
      expect(one).toEqual(all.filter((slot) => slot.clinician_id === gp.id));
    });

    it('narrows to one location with location_id', async () => {
      const branch = api.sandbox.store.locations.filter((location) => location.is_active)[1];
      const all = await slotsOf('gp', ...WEEK);
      const there = await slotsOf('gp', ...WEEK, { location_id: branch?.id });

      expect(there.length).toBeGreaterThan(0);
      expect(there).toEqual(all.filter((slot) => slot.location_id === branch?.id));
    });

    it('narrows by is_remote', async () => {
      const video = await slotsOf('video', ...WEEK);

      expect(await slotsOf('video', ...WEEK, { is_remote: 'true' })).toEqual(video);
      expect(await slotsOf('video', ...WEEK, { is_remote: 'false' })).toEqual([]);
      expect(await slotsOf('gp', ...WEEK, { is_remote: 'true' })).toEqual([]);
    });

    it('finds nothing at a closed location', async () => {
      const closed = api.sandbox.store.locations.find((location) => !location.is_active);

      expect(await slotsOf('gp', ...WEEK, { location_id: closed?.id })).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('answers 400 listing every missing parameter', async () => {
      const { status, body } = await availability({});

      expect(status).toBe(400);
      expect(body.details).toBe(
        'appointment_type_id is required; start_date is required; end_date is required',
      );
      expect(body.fields?.map((field) => field.field)).toEqual([
        'appointment_type_id',
        'start_date',
        'end_date',
      ]);
    });

    it('answers 400 for malformed dates and is_remote, echoing them', async () => {
      const { status, body } = await availability({
        appointment_type_id: typeOf(api.sandbox.store, 'gp').id,
        start_date: '2027-02-29',
        end_date: '23/03/2027',
        is_remote: 'yes',
      });

      expect(status).toBe(400);
      expect(body.details).toBe(
        [
          'start_date must be a valid date in YYYY-MM-DD format; received "2027-02-29"',
          'end_date must be a valid date in YYYY-MM-DD format; received "23/03/2027"',
          'is_remote must be true or false; received "yes"',
        ].join('; '),
      );
    });

    it('answers 400 when end_date is before start_date', async () => {
      const { status, body } = await availability({
        appointment_type_id: typeOf(api.sandbox.store, 'gp').id,
        start_date: '2027-03-23',
        end_date: '2027-03-22',
      });

      expect(status).toBe(400);
      expect(body.details).toBe('end_date 2027-03-22 is before start_date 2027-03-23');
      expect(body.fields?.map((field) => field.field)).toEqual(['end_date']);
    });

    it('answers 400 when end_date is more than 30 days after start_date, naming both', async () => {
      const type = typeOf(api.sandbox.store, 'gp');
      const tooLong = await availability({
        appointment_type_id: type.id,
        start_date: '2027-03-22',
        end_date: '2027-04-22',
      });
      const longest = await availability({
        appointment_type_id: type.id,
        start_date: '2027-03-22',
        end_date: '2027-04-21',
      });

      expect(tooLong.status).toBe(400);
      expect(tooLong.body.details).toBe(
        'date range must not exceed 30 days: end_date 2027-04-22 is 31 days after start_date 2027-03-22',
      );
      expect(tooLong.body.fields?.map((field) => field.field)).toEqual(['start_date', 'end_date']);
      expect(longest.status).toBe(200);
    });

    it('answers 400 for a parameter given twice', async () => {
      const { status, body } = await api.request<ErrorBody>(
        '/availability?appointment_type_id=a&start_date=2027-03-22&start_date=2027-03-23&end_date=2027-03-23',
      );

      expect(status).toBe(400);
      expect(body.details).toBe('start_date may be given only once; received it 2 times');
    });

    it.each([
      ['appointment_type_id', 'type_nothing', 'Appointment type type_nothing not found'],
      ['clinician_id', 'cli_nobody', 'Clinician cli_nobody not found'],
      ['location_id', 'loc_nowhere', 'Location loc_nowhere not found'],
    ])('answers 404 for an unknown %s', async (name, value, details) => {
      const { status, body } = await availability({
        appointment_type_id: typeOf(api.sandbox.store, 'gp').id,
        start_date: '2027-03-23',
        end_date: '2027-03-23',
        [name]: value,
      });

      expect(status).toBe(404);
      expect(body.details).toBe(details);
    });

    it.each([
      ['gpExtended', 'Extended GP consultation', 'the practice books it directly'],
      ['minorSurgery', 'Minor surgery clinic', 'it is no longer offered'],
    ] as const)(
      'answers 400 for a type that cannot be booked online (%s)',
      async (key, name, why) => {
        const type = typeOf(api.sandbox.store, key);
        const { status, body } = await availability({
          appointment_type_id: type.id,
          start_date: '2027-03-23',
          end_date: '2027-03-23',
        });

        expect(status).toBe(400);
        expect(body.details).toBe(
          `appointment_type_id ${type.id} (${name}) cannot be booked online: ${why}`,
        );
      },
    );
  });

  describe('scope', () => {
    it('needs read_availability', async () => {
      const { status, body } = await availability({}, KEYS.noscope);

      expect(status).toBe(403);
      expect(body.details).toBe('API key lacks the required scope: read_availability');
    });

    it.each([KEYS.marketplace, KEYS.booking, KEYS.readonly])('is open to %s', async (key) => {
      const type = typeOf(api.sandbox.store, 'gp');
      const { status } = await availability(
        { appointment_type_id: type.id, start_date: '2027-03-23', end_date: '2027-03-23' },
        key,
      );

      expect(status).toBe(200);
    });
  });
});

describe('the seeded diary around a sandbox started on the clock’s Monday', () => {
  // No anchorDate: the data is anchored on the Monday of NOW, so its upcoming appointments fill
  // the weeks after it, as a newcomer's sandbox would show them.
  const seeded = useSandbox({ now: () => NOW });

  /** A seeded appointment still to come that alone covers a GP slot of the rota. */
  function seededBooking() {
    const { store } = seeded.sandbox;
    const type = typeOf(store, 'gp');
    for (const appointment of store.listAppointments({ startFrom: Date.parse('2027-03-23') })) {
      if (appointment.status === 'cancelled') continue;

      const clinicianId = appointment.clinician_profile_id;
      const { date } = londonClock(appointment.start_time);
      const day = parseCalendarDate(date) ?? 0;
      const covered = sessionSlots(store, { type, firstDay: day, lastDay: day, clinicianId }).find(
        (slot) =>
          slot.start < Date.parse(appointment.end_time) &&
          Date.parse(appointment.start_time) < slot.end &&
          !store.findClash({ clinicianId, ...slot, exceptId: appointment.id }),
      );
      if (covered) return { appointment, date, slot: londonClock(formatUtc(covered.start)) };
    }
    throw new Error('No seeded appointment covers a GP slot');
  }

  const formatUtc = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

  it('is anchored on that Monday, with appointments still to come in the weeks after it', () => {
    const { store } = seeded.sandbox;
    const upcoming = store.listAppointments({
      startFrom: NOW.getTime(),
      statuses: ['confirmed', 'scheduled', 'pending', 'pending_approval'],
    });

    expect(store.anchorDate).toBe('2027-03-22');
    expect(upcoming.length).toBeGreaterThan(100);
    expect(upcoming.every((appointment) => appointment.start_time < '2027-06-14')).toBe(true);
  });

  it('keeps the slot a seeded appointment covers out of GET /availability and refuses a hold on it, until it is cancelled', async () => {
    const { appointment, date, slot } = seededBooking();
    const clinicianId = appointment.clinician_profile_id;
    const type = typeOf(seeded.sandbox.store, 'gp');
    const starts = async () => {
      const { body } = await seeded.request<SlotsBody>(
        `/availability?${query({ appointment_type_id: type.id, start_date: date, end_date: date, clinician_id: clinicianId })}`,
      );

      return body.data.map((candidate) => londonClock(candidate.start_time).time);
    };
    const holdBody = {
      appointment_type_id: type.id,
      clinician_id: clinicianId,
      date,
      start_time: slot.time,
    };
    const before = await starts();
    const refused = await seeded.request<HoldBody>('/holds', { method: 'POST', json: holdBody });
    await seeded.request(`/appointments/${appointment.id}/cancel`, {
      method: 'POST',
      json: { cancellation_reason: 'Rebooked' },
    });
    const after = await starts();
    const held = await seeded.request<HoldBody>('/holds', { method: 'POST', json: holdBody });

    expect(before.length).toBeGreaterThan(0);
    expect(before).not.toContain(slot.time);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatch(/is already booked$/);
    expect(after).toContain(slot.time);
    expect(held.status).toBe(201);
  });
});

describe('GET /availability on the clock-change days, with sessions planted at night and at weekends', () => {
  const dst = useSandbox({ anchorDate: EMPTY_DIARY_ANCHOR, now: () => NOW });
  let gp: Clinician;

  beforeAll(() => {
    const { store } = dst.sandbox;
    gp = activeWithRole(store, GP)[0] as Clinician;
    const location = store.locations.find((candidate) => candidate.is_active) as Location;
    const offer = {
      clinician_id: gp.id,
      location_id: location.id,
      is_remote: false,
      appointment_type_ids: [typeOf(store, 'gp').id],
    };
    store.createSession({ ...offer, weekday: 'sunday', start_time: '00:00', end_time: '04:00' });
    store.createSession({ ...offer, weekday: 'saturday', start_time: '09:00', end_time: '10:00' });
  });

  const nightSlots = async (date: string) => {
    const type = typeOf(dst.sandbox.store, 'gp');
    const { body } = await dst.request<SlotsBody>(
      `/availability?${query({ appointment_type_id: type.id, start_date: date, end_date: date, clinician_id: gp.id })}`,
    );

    return body.data.map((slot) => slot.start_time);
  };

  it('fits 16 slots in an ordinary Sunday night’s four hours', async () => {
    const slots = await nightSlots('2027-04-04');

    expect(slots).toHaveLength(16);
    expect(slots[0]).toBe('2027-04-03T23:00:00Z');
  });

  it('fits 12 on 28 March, when the clocks skip 01:00 to 02:00, in real time without a gap', async () => {
    const slots = await nightSlots('2027-03-28');

    expect(slots).toEqual(slotStarts('2027-03-28', ['00:00', '03:00'], 15, 0));
    expect(slots).toContain('2027-03-28T00:45:00Z');
    expect(slots).toContain('2027-03-28T01:00:00Z');
  });

  it('fits 20 on 31 October, when 01:00 to 02:00 comes twice, starting the evening before in UTC', async () => {
    const slots = await nightSlots('2027-10-31');

    expect(slots).toHaveLength(20);
    expect(slots[0]).toBe('2027-10-30T23:00:00Z');
    expect(slots.at(-1)).toBe('2027-10-31T03:45:00Z');
  });

  it('puts the Saturday either side of each change on the right side of it', async () => {
    expect(await nightSlots('2027-03-27')).toContain('2027-03-27T09:00:00Z');
    expect(await nightSlots('2027-10-30')).toContain('2027-10-30T08:00:00Z');
  });
});
