import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { IdempotencyKeys } from '../../src/sandbox/http/idempotency.js';
import { ok } from '../../src/sandbox/http/reply.js';
import type { Patient } from '../../src/sandbox/records.js';
import type { SandboxStore } from '../../src/sandbox/store.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type RequestOptions,
} from '../support/sandbox-http.js';
import {
  EMPTY_DIARY_ANCHOR,
  londonClock,
  query,
  typeOf,
  type SlotsBody,
} from './booking-fixtures.js';

// A Monday in 2027, past every seeded appointment, so the diary is free for holds.
const START = Date.parse('2027-03-22T07:00:00Z');
let elapsedMs = 0;
const api = useSandbox({
  anchorDate: EMPTY_DIARY_ANCHOR,
  patientCount: 30,
  now: () => new Date(START + elapsedMs),
});

afterEach(() => {
  elapsedMs = 0;
});

const HOUR = 3_600_000;
const store = (): SandboxStore => api.sandbox.store;
const livePatient = () => store().patients.find((patient) => !patient.archived_at) as Patient;

type Answer = ItemBody<{ id: string; first_name?: string }> & ErrorBody;

/** A POST with the key given (none for undefined) and a JSON body. */
function post(path: string, json: unknown, key?: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = key === undefined ? {} : { 'Idempotency-Key': key };

  return api.request<Answer>(path, { method: 'POST', json, ...options, headers });
}

const newPatient = (firstName = 'Ada') => ({
  first_name: firstName,
  last_name: 'Okafor',
  date_of_birth: '1987-06-14',
});

describe('Idempotency-Key on POST /patients', () => {
  it('creates once, then replays the first answer for the same key and body, marked as replayed', async () => {
    const key = randomUUID();
    const before = store().patients.length;
    const first = await post('/patients', newPatient(), key);
    const again = await post('/patients', newPatient(), key);

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(store().patients).toHaveLength(before + 1);
  });

  it('takes the same JSON with other key order and spacing as the same body', async () => {
    const key = randomUUID();
    const first = await post('/patients', newPatient('Bea'), key);
    const reordered = await api.request<Answer>('/patients', {
      method: 'POST',
      headers: { 'Idempotency-Key': key, 'Content-Type': 'application/json' },
      rawBody: '{ "date_of_birth": "1987-06-14",\n  "last_name": "Okafor", "first_name": "Bea" }',
    });

    expect(reordered.headers.get('idempotent-replayed')).toBe('true');
    expect(reordered.body.data.id).toBe(first.body.data.id);
  });

  it('answers 409 with the flat error body for the same key and another body, creating nothing', async () => {
    const key = randomUUID();
    await post('/patients', newPatient('Cal'), key);
    const before = store().patients.length;
    const changed = await post('/patients', newPatient('Dot'), key);

    expect(changed.status).toBe(409);
    expect(changed.body).toEqual({
      error: 'Conflict',
      details: 'Idempotency key already used with a different request body',
      request_id: changed.headers.get('x-request-id'),
    });
    expect(store().patients).toHaveLength(before);
  });

  it('answers 409 while the first request with the key is still being processed', async () => {
    const key = randomUUID();
    api.sandbox.resetCalls();
    const slow = slowPost('/patients', key, JSON.stringify(newPatient('Eve')));
    await until(() => api.sandbox.calls.length === 1);
    const meanwhile = await post('/patients', newPatient('Eve'), key);
    const first = await slow.finish();
    const after = await post('/patients', newPatient('Eve'), key);

    expect(meanwhile.status).toBe(409);
    expect(meanwhile.body.details).toBe(
      'A request with this Idempotency-Key is still being processed; retry once it has finished',
    );
    expect(first.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBe('true');
    expect(after.body.data.id).toBe((JSON.parse(first.body) as Answer).data.id);
  });

  it('does not remember a failure, so the request can be fixed and sent again with the key', async () => {
    const key = randomUUID();
    const invalid = await post('/patients', { first_name: 'Fay' }, key);
    const fixed = await post('/patients', newPatient('Fay'), key);
    const repeated = await post('/patients', newPatient('Fay'), key);

    expect(invalid.status).toBe(400);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    expect(repeated.headers.get('idempotent-replayed')).toBe('true');
  });

  it('replays the answer as it was, not the record as it is now', async () => {
    const key = randomUUID();
    const first = await post('/patients', newPatient('Gil'), key);
    await api.request(`/patients/${first.body.data.id}`, {
      method: 'PATCH',
      json: { first_name: 'Gilbert' },
    });
    const replayed = await post('/patients', newPatient('Gil'), key);

    expect(replayed.body.data.first_name).toBe('Gil');
  });

  it('scopes a key to the API key and to the endpoint', async () => {
    const key = randomUUID();
    const full = await post('/patients', newPatient('Hal'), key);
    const booking = await post('/patients', newPatient('Hal'), key, { key: KEYS.booking });
    const problem = await post(
      '/problems',
      { patient_id: livePatient().id, problem_name: 'Asthma' },
      key,
    );

    expect(booking.status).toBe(201);
    expect(booking.headers.get('idempotent-replayed')).toBeNull();
    expect(booking.body.data.id).not.toBe(full.body.data.id);
    expect(problem.status).toBe(201);
    expect(problem.headers.get('idempotent-replayed')).toBeNull();
  });

  it('forgets a key 24 hours after its first use, on the sandbox clock', async () => {
    const key = randomUUID();
    const first = await post('/patients', newPatient('Ivy'), key);
    elapsedMs = 24 * HOUR - 1;
    const lastMoment = await post('/patients', newPatient('Ivy'), key);
    elapsedMs = 24 * HOUR;
    const nextDay = await post('/patients', newPatient('Ivy'), key);

    expect(lastMoment.body.data.id).toBe(first.body.data.id);
    expect(nextDay.status).toBe(201);
    expect(nextDay.headers.get('idempotent-replayed')).toBeNull();
    expect(nextDay.body.data.id).not.toBe(first.body.data.id);
  });

  it('creates every time without the header', async () => {
    const first = await post('/patients', newPatient('Jo'));
    const second = await post('/patients', newPatient('Jo'));

    expect(second.body.data.id).not.toBe(first.body.data.id);
  });

  it('accepts a key of 255 visible ASCII characters', async () => {
    const key = '!~'.repeat(127) + 'k';
    const first = await post('/patients', newPatient('Kit'), key);
    const again = await post('/patients', newPatient('Kit'), key);

    expect(first.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it.each([
    ['empty', '', '""'],
    ['256 characters long', 'k'.repeat(256), `"${'k'.repeat(200)}…"`],
    ['holding a space', 'two words', '"two words"'],
    ['not ASCII', 'clé', '"clé"'],
  ])('answers 400 for a key %s, creating nothing', async (_, key, echoed) => {
    const before = store().patients.length;
    const { status, body } = await post('/patients', newPatient('Lu'), key);

    expect(status).toBe(400);
    expect(body.details).toBe(
      `Idempotency-Key must be 1 to 255 visible ASCII characters; received ${echoed}`,
    );
    expect(store().patients).toHaveLength(before);
  });

  it('checks the API key and its scope before the Idempotency-Key', async () => {
    const anonymous = await post('/patients', newPatient(), '', { key: null });
    const unscoped = await post('/patients', newPatient(), '', { key: KEYS.readonly });

    expect([anonymous.status, unscoped.status]).toEqual([401, 403]);
  });
});

describe('Idempotency-Key on routes that create nothing', () => {
  it('is ignored, even when it is not a valid key', async () => {
    const { id } = livePatient();
    const patched = await api.request(`/patients/${id}`, {
      method: 'PATCH',
      json: { address_line_2: 'Flat 1' },
      headers: { 'Idempotency-Key': 'not valid' },
    });
    const read = await api.request(`/patients/${id}`, { headers: { 'Idempotency-Key': '' } });

    expect([patched.status, read.status]).toEqual([200, 200]);
  });
});

describe('Idempotency-Key on every create route', () => {
  const routes: [string, () => Promise<{ path: string; body: unknown }>, () => number][] = [
    [
      'POST /patients',
      async () => ({ path: '/patients', body: newPatient() }),
      () => store().patients.length,
    ],
    [
      'POST /consultations',
      async () => ({
        path: '/consultations',
        body: {
          patient_id: livePatient().id,
          consultation_date: '2027-03-01',
          consultation_time: '14:30',
          consultation_type_code: '185345009',
          chief_complaint: 'Wheeze at night',
        },
      }),
      () => store().consultations.length,
    ],
    [
      'POST /problems',
      async () => ({
        path: '/problems',
        body: { patient_id: livePatient().id, problem_name: 'Asthma' },
      }),
      () => store().problems.length,
    ],
    [
      'POST /prescriptions',
      async () => ({
        path: '/prescriptions',
        body: {
          patient_id: livePatient().id,
          medication_name: 'Salbutamol',
          dosage: '100',
          dosage_unit: 'micrograms',
          frequency: 'two puffs as required',
        },
      }),
      () => store().prescriptions.length,
    ],
    [
      'POST /appointments',
      async () => ({ path: '/appointments', body: newAppointment() }),
      () => store().appointments.length,
    ],
    [
      'POST /documents',
      async () => ({
        path: '/documents',
        body: {
          patient_id: livePatient().id,
          document_type: 'lab_result',
          title: 'Full blood count',
          file_name: 'fbc.pdf',
          mime_type: 'application/pdf',
          file_size: 2048,
        },
      }),
      () => store().documents.length,
    ],
    [
      'POST /holds',
      async () => ({ path: '/holds', body: await freeSlotHold() }),
      () => store().holds.length,
    ],
    [
      'POST /holds/{id}/confirm',
      async () => {
        const hold = await post('/holds', await freeSlotHold());

        return {
          path: `/holds/${hold.body.data.id}/confirm`,
          body: { patient_id: livePatient().id },
        };
      },
      () => store().appointments.length,
    ],
  ];

  it.each(routes)('%s replays the first answer and creates one record', async (_, build, count) => {
    const { path, body } = await build();
    const key = randomUUID();
    const before = count();
    const first = await post(path, body, key);
    const again = await post(path, body, key);

    expect(first.status, first.text).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(count()).toBe(before + 1);
  });
});

describe('IdempotencyKeys', () => {
  const scope = (key: string) => ({ token: KEYS.full, method: 'POST', path: '/patients', key });
  const body = async () => ({ n: 1 });

  it('forgets the oldest key first once it holds as many as it may', async () => {
    const keys = new IdempotencyKeys(2);
    let handled = 0;
    const handle = () => ok((handled += 1));
    for (const key of ['a', 'b', 'c', 'a']) await keys.run(scope(key), 0, body, handle);

    expect(handled).toBe(4);
    expect(keys.size).toBe(2);
  });

  it('forgets an expired key when it is next used', async () => {
    const keys = new IdempotencyKeys();
    let handled = 0;
    const handle = () => ok((handled += 1));
    await keys.run(scope('a'), 0, body, handle);
    await keys.run(scope('a'), 24 * HOUR - 1, body, handle);
    await keys.run(scope('a'), 24 * HOUR, body, handle);

    expect(handled).toBe(2);
    expect(keys.size).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

let appointmentsBooked = 0;

/** An in-person booking an hour after the last one, years ahead, so no two ever clash. */
function newAppointment(): Record<string, unknown> {
  const clinician = store().clinicians.find((candidate) => candidate.is_active);
  const location = store().locations.find((candidate) => candidate.is_active);
  const type = store().appointmentTypes.find((candidate) => candidate.is_active);
  appointmentsBooked += 1;
  const start = Date.UTC(2031, 0, 6, 9) + appointmentsBooked * HOUR;

  return {
    patient_id: livePatient().id,
    clinician_profile_id: clinician?.id,
    appointment_type_id: type?.id,
    location_id: location?.id,
    start_time: `${new Date(start).toISOString().slice(0, 19)}Z`,
  };
}

/** A `POST /holds` body for the first slot still free in the first week of April 2027. */
async function freeSlotHold(): Promise<Record<string, unknown>> {
  const type = typeOf(store(), 'gp');
  const range = { appointment_type_id: type.id, start_date: '2027-04-05', end_date: '2027-04-09' };
  const { body } = await api.request<SlotsBody>(`/availability?${query(range)}`);
  const slot = body.data[0];
  if (!slot) throw new Error(`No free slot: ${JSON.stringify(body)}`);

  const { date, time } = londonClock(slot.start_time);

  return { appointment_type_id: type.id, clinician_id: slot.clinician_id, date, start_time: time };
}

/**
 * A POST whose headers and first half of body go at once and whose rest waits for `finish`, so
 * the sandbox is still reading it meanwhile.
 */
function slowPost(path: string, key: string, body: string) {
  const url = new URL(`${api.sandbox.url}${path}`);
  const outgoing = httpRequest({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      Authorization: `Bearer ${KEYS.full}`,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'Idempotency-Key': key,
    },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    outgoing.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  outgoing.write(body.slice(0, half));

  return {
    finish: () => {
      outgoing.end(body.slice(half));
      return answered;
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 2_000) throw new Error('Not true within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
