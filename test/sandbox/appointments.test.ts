import { describe, expect, it } from 'vitest';
import type {
  Appointment,
  AppointmentType,
  Clinician,
  Location,
  Patient,
} from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const NOW = new Date('2026-03-02T12:00:00Z');
let clock = NOW;
const api = useSandbox({ now: () => clock });

type AppointmentBody = ItemBody<Appointment> & ErrorBody;

const listAppointments = (query = '') =>
  api.request<ListBody<Appointment>>(`/appointments${query}`);

const createAppointment = (json: unknown) =>
  api.request<AppointmentBody>('/appointments', { method: 'POST', json });

const patchAppointment = (id: string, json: unknown) =>
  api.request<AppointmentBody>(`/appointments/${id}`, { method: 'PATCH', json });

const cancelAppointment = (id: string, json: unknown) =>
  api.request<AppointmentBody>(`/appointments/${id}/cancel`, { method: 'POST', json });

/** Active references that nothing generated is booked against in 2027. */
function refs() {
  const { store } = api.sandbox;
  const patient = store.patients.find((candidate) => !candidate.archived_at) as Patient;
  const clinician = store.clinicians[0] as Clinician;
  const type = store.appointmentTypes.find((t) => t.name === 'GP consultation') as AppointmentType;
  const location = store.locations.find((candidate) => candidate.is_active) as Location;

  return { patient, clinician, type, location };
}

let slotCounter = 0;

/** A booking body on a day of its own, so tests never clash with one another. */
function booking(change: Record<string, unknown> = {}) {
  const { patient, clinician, type, location } = refs();
  slotCounter += 1;
  const day = new Date(Date.UTC(2027, 0, 4) + slotCounter * 86_400_000).toISOString().slice(0, 10);

  return {
    patient_id: patient.id,
    clinician_profile_id: clinician.id,
    appointment_type_id: type.id,
    location_id: location.id,
    start_time: `${day}T10:00:00Z`,
    ...change,
  };
}

async function book(change: Record<string, unknown> = {}): Promise<Appointment> {
  const { status, body } = await createAppointment(booking(change));
  if (status !== 201) throw new Error(`booking failed: ${status} ${body.details}`);

  return body.data;
}

describe('GET /appointments', () => {
  it('lists by start_time ascending with the OLDER fields, then the NEWER ones', async () => {
    const { status, body } = await listAppointments('?limit=50');
    const starts = body.data.map((appointment) => appointment.start_time);

    expect(status).toBe(200);
    expect(starts).toEqual([...starts].sort());
    expect(body.data).toEqual(api.sandbox.store.appointments.slice(0, 50));
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'patient_id',
      'clinician_profile_id',
      'appointment_type_id',
      'location_id',
      'title',
      'start_time',
      'end_time',
      'status',
      'is_remote',
      'attendee_name',
      'attendee_email',
      'attendee_phone',
      'notes',
      'description',
      'duration_minutes',
      'cancellation_reason',
      'booking_source',
      'created_at',
      'updated_at',
    ]);
  });

  it('pages with limit and offset', async () => {
    const { body } = await listAppointments('?limit=7&offset=100');

    expect(body.data.map((appointment) => appointment.id)).toEqual(
      api.sandbox.store.appointments.slice(100, 107).map((appointment) => appointment.id),
    );
    expect(body.pagination).toMatchObject({ limit: 7, offset: 100, has_more: true });
  });

  it('filters by patient_id', async () => {
    const target = api.sandbox.store.appointments[10] as Appointment;
    const { body } = await listAppointments(`?patient_id=${target.patient_id}`);

    expect(body.data.map((appointment) => appointment.id)).toContain(target.id);
    expect(body.data.every((appointment) => appointment.patient_id === target.patient_id)).toBe(
      true,
    );
  });

  it('filters by clinician_id, matching clinician_profile_id', async () => {
    const clinicianId = api.sandbox.store.clinicians[3]?.id ?? '';
    const { body } = await listAppointments(`?clinician_id=${clinicianId}&limit=100`);
    const expected = api.sandbox.store.appointments.filter(
      (appointment) => appointment.clinician_profile_id === clinicianId,
    );

    expect(body.pagination.total).toBe(expected.length);
    expect(body.data.every((item) => item.clinician_profile_id === clinicianId)).toBe(true);
  });

  it('filters by status', async () => {
    const { body } = await listAppointments('?status=no_show');
    const expected = api.sandbox.store.appointments.filter((item) => item.status === 'no_show');

    expect(body.pagination.total).toBe(expected.length);
    expect(body.data.every((appointment) => appointment.status === 'no_show')).toBe(true);
  });

  it('filters by status_in, a comma-separated list', async () => {
    const occupied = ['confirmed', 'scheduled', 'pending', 'pending_approval'];
    const { body } = await listAppointments(`?status_in=${occupied.join(',')}`);
    const expected = api.sandbox.store.appointments.filter((item) =>
      occupied.includes(item.status),
    );

    expect(body.pagination.total).toBe(expected.length);
    expect(body.data.every((appointment) => occupied.includes(appointment.status))).toBe(true);
  });

  it('matches only statuses both status and status_in allow', async () => {
    const both = await listAppointments('?status=confirmed&status_in=confirmed,pending');
    const neither = await listAppointments('?status=completed&status_in=confirmed,pending');

    expect(both.body.data.every((appointment) => appointment.status === 'confirmed')).toBe(true);
    expect(both.body.pagination.total).toBeGreaterThan(0);
    expect(neither.body.pagination.total).toBe(0);
  });

  it('filters start_time by date_gte and date_lte instants, both inclusive', async () => {
    const target = api.sandbox.store.appointments[200] as Appointment;
    const at = encodeURIComponent(target.start_time);
    const { body } = await listAppointments(`?date_gte=${at}&date_lte=${at}`);

    expect(body.data.map((appointment) => appointment.id)).toContain(target.id);
    expect(body.data.every((appointment) => appointment.start_time === target.start_time)).toBe(
      true,
    );
  });

  it('reads an offset instant, as third-party clients send', async () => {
    const from = encodeURIComponent('2026-01-05T09:00:00+00:00');
    const to = encodeURIComponent('2026-01-05T12:00:00.000Z');
    const { body } = await listAppointments(`?date_gte=${from}&date_lte=${to}`);

    expect(body.pagination.total).toBeGreaterThan(0);
    for (const appointment of body.data) {
      expect(appointment.start_time >= '2026-01-05T09:00:00Z').toBe(true);
      expect(appointment.start_time <= '2026-01-05T12:00:00Z').toBe(true);
    }
  });

  it('takes a bare date as the whole of that day on a London clock', async () => {
    // 00:30 on 1 July in London is still 30 June in UTC.
    const lateNight = await book({ start_time: '2027-07-01T00:30:00+01:00' });
    const july = await listAppointments('?date_gte=2027-07-01&date_lte=2027-07-01');
    const june = await listAppointments('?date_gte=2027-06-30&date_lte=2027-06-30');

    expect(lateNight.start_time).toBe('2027-06-30T23:30:00Z');
    expect(july.body.data.map((appointment) => appointment.id)).toContain(lateNight.id);
    expect(june.body.data.map((appointment) => appointment.id)).not.toContain(lateNight.id);
  });

  it.each([
    [
      'status=done',
      'status must be one of pending_approval, pending, confirmed, scheduled, cancelled, completed, no_show; received "done"',
    ],
    [
      'status_in=confirmed,,pending',
      'status_in must be a comma-separated list of pending_approval, pending, confirmed, scheduled, cancelled, completed, no_show; received "confirmed,,pending"',
    ],
    [
      'status_in=confirmed,booked',
      'status_in must be a comma-separated list of pending_approval, pending, confirmed, scheduled, cancelled, completed, no_show; received "confirmed,booked"',
    ],
    [
      'date_gte=yesterday',
      'date_gte must be an ISO 8601 date-time with a zone or a YYYY-MM-DD date; received "yesterday"',
    ],
    [
      'date_lte=2026-02-30',
      'date_lte must be an ISO 8601 date-time with a zone or a YYYY-MM-DD date; received "2026-02-30"',
    ],
    [
      'date_gte=2026-01-05T09:00:00',
      'date_gte must be an ISO 8601 date-time with a zone or a YYYY-MM-DD date; received "2026-01-05T09:00:00"',
    ],
  ])('answers 400 for %s, naming the parameter', async (query, details) => {
    const { status, body } = await api.request<ErrorBody>(`/appointments?${query}`);

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('needs read_appointments', async () => {
    const { status, body } = await api.request<ErrorBody>('/appointments', {
      key: KEYS.marketplace,
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: read_appointments');
  });
});

describe('GET /appointments/{id}', () => {
  it('returns the appointment', async () => {
    const target = api.sandbox.store.appointments[300] as Appointment;
    const { body } = await api.request<ItemBody<Appointment>>(`/appointments/${target.id}`);

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the appointment', async () => {
    const { status, body } = await api.request<ErrorBody>('/appointments/apt_none');

    expect(status).toBe(404);
    expect(body.details).toBe('Appointment apt_none not found');
  });
});

describe('POST /appointments', () => {
  it('books with the type’s length and name, the patient as attendee, confirmed, from the API', async () => {
    const { patient, clinician, type, location } = refs();
    const body = booking({ start_time: '2027-03-01T09:00:00+00:00', notes: 'First visit' });
    const created = await createAppointment(body);
    const fetched = await api.request<ItemBody<Appointment>>(
      `/appointments/${created.body.data.id}`,
    );

    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({
      id: created.body.data.id,
      patient_id: patient.id,
      clinician_profile_id: clinician.id,
      appointment_type_id: type.id,
      location_id: location.id,
      title: 'GP consultation',
      start_time: '2027-03-01T09:00:00Z',
      end_time: '2027-03-01T09:15:00Z',
      status: 'confirmed',
      is_remote: false,
      attendee_name: `${patient.first_name} ${patient.last_name}`,
      attendee_email: patient.email,
      attendee_phone: patient.phone,
      notes: 'First visit',
      description: null,
      duration_minutes: 15,
      cancellation_reason: null,
      booking_source: 'api',
      created_at: '2026-03-02T12:00:00Z',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(created.body.data.id).toMatch(/^apt_[0-9a-f]{24}$/);
    expect(fetched.body.data).toEqual(created.body.data);
  });

  it('books a remote appointment without a location, and takes an explicit end and status', async () => {
    const { status, body } = await createAppointment(
      booking({
        location_id: undefined,
        is_remote: true,
        end_time: '2027-03-02T10:40:00Z',
        start_time: '2027-03-02T10:00:00Z',
        status: 'pending',
        title: 'Medication review',
        attendee_email: null,
      }),
    );

    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      location_id: null,
      is_remote: true,
      end_time: '2027-03-02T10:40:00Z',
      duration_minutes: 40,
      status: 'pending',
      title: 'Medication review',
      attendee_email: null,
    });
  });

  it('answers 400 listing every missing or malformed field', async () => {
    const { status, body } = await createAppointment({
      start_time: '2027-03-01 09:00',
      is_remote: 'no',
      attendee_email: 'nobody',
      status: 'completed',
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      [
        'patient_id is required',
        'clinician_profile_id is required',
        'appointment_type_id is required',
        'start_time must be an ISO 8601 date-time with a zone, e.g. 2026-01-20T14:00:00Z',
        'is_remote must be true or false',
        'attendee_email must be a valid email address',
        'status must be one of pending_approval, pending, confirmed, scheduled',
        'location_id is required unless is_remote is true',
      ].join('; '),
    );
    expect(body.fields?.[0]).toEqual({
      field: 'patient_id',
      message: 'patient_id is required',
    });
  });

  it('answers 400 naming each reference that matches nothing', async () => {
    const { status, body } = await createAppointment(
      booking({
        patient_id: 'pat_nobody',
        clinician_profile_id: 'cli_nobody',
        appointment_type_id: 'type_nobody',
        location_id: 'loc_nowhere',
      }),
    );

    expect(status).toBe(400);
    expect(body.fields?.map((field) => field.message)).toEqual([
      'patient_id does not match any patient',
      'clinician_profile_id does not match any clinician',
      'appointment_type_id does not match any appointment type',
      'location_id does not match any location',
    ]);
  });

  it('refuses references that are no longer current', async () => {
    const { store } = api.sandbox;
    const { status, body } = await createAppointment(
      booking({
        patient_id: store.patients.find((patient) => patient.archived_at)?.id,
        clinician_profile_id: store.clinicians.find((clinician) => !clinician.is_active)?.id,
        appointment_type_id: store.appointmentTypes.find((type) => !type.is_active)?.id,
        location_id: store.locations.find((location) => !location.is_active)?.id,
      }),
    );

    expect(status).toBe(400);
    expect(body.fields?.map((field) => field.message)).toEqual([
      'patient_id names an archived patient',
      'clinician_profile_id names a clinician who is no longer active',
      'appointment_type_id names an appointment type that is no longer offered',
      'location_id names a location that is closed',
    ]);
  });

  it.each([
    [{ is_remote: true }, 'location_id must be null for a remote appointment'],
    [
      { end_time: '2027-03-01T10:00:00Z', start_time: '2027-03-01T10:00:00Z' },
      'end_time must be after start_time',
    ],
    [
      { start_time: '2027-02-29T10:00:00Z' },
      'start_time must be an ISO 8601 date-time with a zone, e.g. 2026-01-20T14:00:00Z',
    ],
  ])('refuses %o', async (change, details) => {
    const { status, body } = await createAppointment(booking(change));

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('answers 409 Conflict when the clinician is already booked, naming the clash', async () => {
    const first = await book({ start_time: '2027-04-01T09:00:00Z' });
    const { status, body } = await createAppointment(
      booking({ start_time: '2027-04-01T09:10:00Z', is_remote: true, location_id: null }),
    );

    expect(status).toBe(409);
    expect(body.error).toBe('Conflict');
    expect(body.details).toBe(
      `clinician_profile_id ${first.clinician_profile_id} already has appointment ${first.id} from 2027-04-01T09:00:00Z to 2027-04-01T09:15:00Z`,
    );
  });

  it('books back to back, and over a cancelled appointment', async () => {
    const first = await book({ start_time: '2027-04-02T09:00:00Z' });
    const next = await createAppointment(booking({ start_time: '2027-04-02T09:15:00Z' }));
    await cancelAppointment(first.id, { cancellation_reason: 'Rebooked' });
    const over = await createAppointment(booking({ start_time: '2027-04-02T09:00:00Z' }));

    expect(next.status).toBe(201);
    expect(over.status).toBe(201);
  });

  it('lets another clinician take the same time', async () => {
    await book({ start_time: '2027-04-03T09:00:00Z' });
    const other = api.sandbox.store.clinicians[1] as Clinician;
    const { status } = await createAppointment(
      booking({ start_time: '2027-04-03T09:00:00Z', clinician_profile_id: other.id }),
    );

    expect(status).toBe(201);
  });

  it('needs write_appointments', async () => {
    const { status, body } = await api.request<ErrorBody>('/appointments', {
      method: 'POST',
      key: KEYS.booking,
      json: booking(),
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: write_appointments');
  });
});

describe('PATCH /appointments/{id}', () => {
  it('changes the descriptive fields and bumps updated_at', async () => {
    const target = await book();
    clock = new Date('2026-03-03T08:00:00Z');
    try {
      const { status, body } = await patchAppointment(target.id, {
        title: 'Review',
        notes: null,
        description: 'Bring your inhaler',
        attendee_phone: '+44 7700 900999',
      });

      expect(status).toBe(200);
      expect(body.data).toEqual({
        ...target,
        title: 'Review',
        notes: null,
        description: 'Bring your inhaler',
        attendee_phone: '+44 7700 900999',
        updated_at: '2026-03-03T08:00:00Z',
      });
    } finally {
      clock = NOW;
    }
  });

  it('moves the start and keeps the length; an overlap with itself is no clash', async () => {
    const target = await book({ start_time: '2027-05-03T10:00:00Z' });
    const { status, body } = await patchAppointment(target.id, {
      start_time: '2027-05-03T11:05:00+01:00',
    });

    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      start_time: '2027-05-03T10:05:00Z',
      end_time: '2027-05-03T10:20:00Z',
      duration_minutes: 15,
    });
  });

  it('sets a new end, and refuses an end before the start', async () => {
    const target = await book();
    const day = target.start_time.slice(0, 10);
    const longer = await patchAppointment(target.id, { end_time: `${day}T10:30:00Z` });
    const backwards = await patchAppointment(target.id, { end_time: `${day}T09:00:00Z` });

    expect(longer.body.data).toMatchObject({ duration_minutes: 30 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details).toBe('end_time must be after start_time');
  });

  it('answers 409 when the move clashes with another booking', async () => {
    const first = await book({ start_time: '2027-05-04T09:00:00Z' });
    const second = await book({ start_time: '2027-05-04T10:00:00Z' });
    const { status, body } = await patchAppointment(second.id, {
      start_time: '2027-05-04T09:05:00Z',
    });

    expect(status).toBe(409);
    expect(body.details).toContain(first.id);
  });

  it('goes remote, clearing the location, and back in person with one', async () => {
    const target = await book();
    const { location } = refs();
    const remote = await patchAppointment(target.id, { is_remote: true });
    const stranded = await patchAppointment(target.id, { is_remote: false });
    const back = await patchAppointment(target.id, { is_remote: false, location_id: location.id });

    expect(remote.body.data).toMatchObject({ is_remote: true, location_id: null });
    expect(stranded.status).toBe(400);
    expect(stranded.body.details).toBe('location_id is required unless is_remote is true');
    expect(back.body.data).toMatchObject({ is_remote: false, location_id: location.id });
  });

  it('answers 400 for status, pointing at /cancel', async () => {
    const target = await book();
    const { status, body } = await patchAppointment(target.id, { status: 'cancelled' });

    expect(status).toBe(400);
    expect(body.details).toBe(
      `status cannot be changed with PATCH; cancel through POST /appointments/${target.id}/cancel`,
    );
    expect(body.fields?.map((field) => field.field)).toEqual(['status']);
  });

  it('refuses a new patient, clinician or type, and clearing the title', async () => {
    const target = await book();
    const { status, body } = await patchAppointment(target.id, {
      ...target,
      patient_id: 'pat_other',
      clinician_profile_id: 'cli_other',
      appointment_type_id: target.appointment_type_id,
      title: null,
      status: undefined,
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      'title cannot be null; patient_id cannot be changed; clinician_profile_id cannot be changed',
    );
  });

  it('answers 409 for a cancelled appointment', async () => {
    const target = await book();
    await cancelAppointment(target.id, { cancellation_reason: 'Unwell' });
    const { status, body } = await patchAppointment(target.id, { notes: 'Too late' });

    expect(status).toBe(409);
    expect(body.details).toBe(`Appointment ${target.id} is cancelled and cannot be changed`);
  });

  it('lets a completed appointment take notes but not move', async () => {
    const done = api.sandbox.store.appointments.find((item) => item.status === 'completed');
    const noted = await patchAppointment(done?.id ?? '', { notes: 'Letter sent' });
    const moved = await patchAppointment(done?.id ?? '', { start_time: '2027-06-01T09:00:00Z' });

    expect(noted.status).toBe(200);
    expect(moved.status).toBe(409);
    expect(moved.body.details).toBe(
      `Appointment ${done?.id} is completed; its time and place can no longer change`,
    );
  });

  it('answers 404 for an unknown appointment', async () => {
    const { status } = await patchAppointment('apt_none', { notes: 'x' });

    expect(status).toBe(404);
  });
});

describe('POST /appointments/{id}/cancel', () => {
  it('cancels with the trimmed reason and bumps updated_at', async () => {
    const target = await book();
    clock = new Date('2026-03-04T16:45:00Z');
    try {
      const { status, body } = await cancelAppointment(target.id, {
        cancellation_reason: ' Patient unwell ',
      });

      expect(status).toBe(200);
      expect(body.data).toEqual({
        ...target,
        status: 'cancelled',
        cancellation_reason: 'Patient unwell',
        updated_at: '2026-03-04T16:45:00Z',
      });
      expect(api.sandbox.store.getAppointment(target.id)?.status).toBe('cancelled');
    } finally {
      clock = NOW;
    }
  });

  it.each([
    [{}, 'cancellation_reason is required'],
    [{ cancellation_reason: '   ' }, 'cancellation_reason must not be empty'],
    [{ cancellation_reason: 7 }, 'cancellation_reason must be a string'],
  ])('answers 400 for %o', async (json, details) => {
    const target = await book();
    const { status, body } = await cancelAppointment(target.id, json);

    expect(status).toBe(400);
    expect(body.details).toBe(details);
    expect(api.sandbox.store.getAppointment(target.id)?.status).toBe('confirmed');
  });

  it('answers 409 when already cancelled or completed', async () => {
    const target = await book();
    await cancelAppointment(target.id, { cancellation_reason: 'Once' });
    const twice = await cancelAppointment(target.id, { cancellation_reason: 'Twice' });
    const done = api.sandbox.store.appointments.find((item) => item.status === 'completed');
    const completed = await cancelAppointment(done?.id ?? '', { cancellation_reason: 'Late' });

    expect(twice.status).toBe(409);
    expect(twice.body.details).toBe(
      `Appointment ${target.id} is cancelled and cannot be cancelled`,
    );
    expect(completed.status).toBe(409);
    expect(api.sandbox.store.getAppointment(target.id)?.cancellation_reason).toBe('Once');
  });

  it('answers 404 for an unknown appointment and 403 without write_appointments', async () => {
    const missing = await cancelAppointment('apt_none', { cancellation_reason: 'x' });
    const target = api.sandbox.store.appointments[0] as Appointment;
    const refused = await api.request<ErrorBody>(`/appointments/${target.id}/cancel`, {
      method: 'POST',
      key: KEYS.readonly,
      json: { cancellation_reason: 'x' },
    });

    expect(missing.status).toBe(404);
    expect(refused.status).toBe(403);
    expect(refused.body.details).toBe('API key lacks the required scope: write_appointments');
  });
});
