import { describe, expect, it } from 'vitest';
import type { Patient } from '../../src/sandbox/records.js';
import { startSandbox } from '../../src/sandbox/sandbox.js';
import {
  request,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const api = useSandbox({ now: () => NOW });

const PATIENT_FIELDS = [
  'id',
  'first_name',
  'last_name',
  'date_of_birth',
  'nhs_number',
  'email',
  'phone',
  'address_line_1',
  'address_line_2',
  'city',
  'postcode',
  'country',
  'gender',
  'custom_fields',
  'archived_at',
  'archived_by',
  'archive_reason',
  'archive_notes',
  'created_at',
  'updated_at',
];

const listPatients = (query = '') => api.request<ListBody<Patient>>(`/patients${query}`);

const createPatient = (json: unknown) =>
  api.request<ItemBody<Patient> & ErrorBody>('/patients', { method: 'POST', json });

describe('GET /patients', () => {
  it('returns the first 100 patients with the OLDER pagination envelope', async () => {
    const { status, body } = await listPatients();

    expect(status).toBe(200);
    expect(body.data).toHaveLength(100);
    expect(body.pagination).toEqual({ total: 600, limit: 100, offset: 0, has_more: true });
    expect(Object.keys(body.data[0] ?? {})).toEqual(PATIENT_FIELDS);
  });

  it('pages with limit and offset in created_at order', async () => {
    const { body } = await listPatients('?limit=5&offset=10');
    const expected = api.sandbox.store.patients.slice(10, 15).map((patient) => patient.id);

    expect(body.data.map((patient) => patient.id)).toEqual(expected);
    expect(body.pagination).toEqual({ total: 600, limit: 5, offset: 10, has_more: true });
  });

  it('reports has_more false on the last page and an empty page past the end', async () => {
    const last = await listPatients('?limit=100&offset=500');
    const past = await listPatients('?offset=600');

    expect(last.body.data).toHaveLength(100);
    expect(last.body.pagination.has_more).toBe(false);
    expect(past.body.data).toEqual([]);
    expect(past.body.pagination).toEqual({ total: 600, limit: 100, offset: 600, has_more: false });
  });

  it.each([
    ['limit=0', 'limit must be an integer from 1 to 100; received "0"'],
    ['limit=101', 'limit must be an integer from 1 to 100; received "101"'],
    ['limit=abc', 'limit must be an integer from 1 to 100; received "abc"'],
    ['limit=', 'limit must be an integer from 1 to 100; received ""'],
    ['limit=1.5', 'limit must be an integer from 1 to 100; received "1.5"'],
    ['offset=-1', 'offset must be a non-negative integer; received "-1"'],
    ['offset=1e3', 'offset must be a non-negative integer; received "1e3"'],
    ['limit=1&limit=2', 'limit may be given only once; received it 2 times'],
  ])('answers 400 for %s, naming the parameter and the value', async (query, details) => {
    const { status, body } = await api.request<ErrorBody>(`/patients?${query}`);

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('ignores query parameters it does not know', async () => {
    const { status, body } = await listPatients('?limit=2&colour=blue&sort=-name');

    expect(status).toBe(200);
    expect(body.data).toHaveLength(2);
  });

  it('searches first and last names case-insensitively, and "first last" together', async () => {
    const target = api.sandbox.store.patients[42] as Patient;
    const fullName = `${target.first_name} ${target.last_name}`.toUpperCase();
    const { body } = await listPatients(`?search=${encodeURIComponent(fullName)}`);
    const bySurname = await listPatients(
      `?search=${encodeURIComponent(target.last_name.toLowerCase())}`,
    );

    expect(body.data.map((patient) => patient.id)).toContain(target.id);
    for (const patient of body.data) {
      expect(`${patient.first_name} ${patient.last_name}`.toUpperCase()).toContain(fullName);
    }
    expect(bySurname.body.pagination.total).toBeGreaterThanOrEqual(body.pagination.total);
  });

  it('finds a patient by NHS number, spaced or unspaced', async () => {
    const target = api.sandbox.store.patients[7] as Patient;
    const spaced = target.nhs_number ?? '';
    const unspaced = spaced.replace(/ /g, '');
    const bySpaced = await listPatients(`?search=${encodeURIComponent(spaced)}`);
    const byUnspaced = await listPatients(`?search=${unspaced}`);

    expect(bySpaced.body.data.map((patient) => patient.id)).toEqual([target.id]);
    expect(byUnspaced.body.data.map((patient) => patient.id)).toEqual([target.id]);
  });

  it('returns an empty page, not an error, when nothing matches', async () => {
    const { status, body } = await listPatients('?search=zzzzqqq');

    expect(status).toBe(200);
    expect(body).toEqual({
      data: [],
      pagination: { total: 0, limit: 100, offset: 0, has_more: false },
    });
  });
});

describe('GET /patients/{id}', () => {
  it('returns the patient in a data envelope', async () => {
    const target = api.sandbox.store.patients[3] as Patient;
    const { status, body } = await api.request<ItemBody<Patient>>(`/patients/${target.id}`);

    expect(status).toBe(200);
    expect(body).toEqual({ data: target });
  });

  it('answers 404 with the flat body and the X-Request-Id it sent', async () => {
    const response = await api.request<ErrorBody>('/patients/pat_000000000000000000000000');

    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: 'Not Found',
      details: 'Patient pat_000000000000000000000000 not found',
      request_id: response.headers.get('x-request-id'),
    });
  });

  it.each([
    '../patients',
    'a?b',
    'a#b',
    '100%',
    'ünï',
    'a/b',
    "'; DROP TABLE patients;--",
    '"><b>',
  ])(
    'answers 404 for the hostile id %j, echoing it decoded and recording it encoded',
    async (id) => {
      api.sandbox.resetCalls();
      const encoded = encodeURIComponent(id);
      const { status, body } = await api.request<ErrorBody>(`/patients/${encoded}`);

      expect(status).toBe(404);
      expect(body.details).toBe(`Patient ${id} not found`);
      expect(api.sandbox.calls).toEqual([
        {
          method: 'GET',
          path: `/patients/${encoded}`,
          rawUrl: `/functions/v1/api-v1/patients/${encoded}`,
          status: 404,
          fault: null,
          requestId: expect.stringMatching(/^req_/),
          callerRequestId: null,
        },
      ]);
    },
  );

  it('answers 404 echoing a segment that does not percent-decode as it came', async () => {
    const { status, body } = await api.request<ErrorBody>('/patients/%E0%A4%A');

    expect(status).toBe(404);
    expect(body.details).toBe('Patient %E0%A4%A not found');
  });

  it('answers 404 for extra path segments and a trailing slash', async () => {
    const id = api.sandbox.store.patients[0]?.id ?? '';

    expect((await api.request(`/patients/${id}/extra`)).status).toBe(404);
    expect((await api.request(`/patients/${id}/`)).status).toBe(404);
  });

  it('matches ids exactly, not case-insensitively', async () => {
    const id = api.sandbox.store.patients[0]?.id ?? '';

    expect((await api.request(`/patients/${id.toUpperCase()}`)).status).toBe(404);
  });
});

describe('POST /patients', () => {
  it('creates a patient, answers 201, and serves it afterwards', async () => {
    const created = await createPatient({
      first_name: '  Ada ',
      last_name: 'Lovelace',
      date_of_birth: '1990-12-10',
      nhs_number: '9434765919',
      email: 'ada@example.com',
      phone: '+44 7700 900123',
      address_line_1: '12 Mill Lane',
      address_line_2: '',
      city: 'Leeds',
      postcode: 'ls6  2ab',
      gender: 'female',
      custom_fields: { preferred_contact: 'sms', marketing_consent: false },
      favourite_colour: 'blue',
    });
    const id = created.body.data.id;
    const fetched = await api.request<ItemBody<Patient>>(`/patients/${id}`);

    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({
      id,
      first_name: 'Ada',
      last_name: 'Lovelace',
      date_of_birth: '1990-12-10',
      nhs_number: '943 476 5919',
      email: 'ada@example.com',
      phone: '+44 7700 900123',
      address_line_1: '12 Mill Lane',
      address_line_2: null,
      city: 'Leeds',
      postcode: 'LS6 2AB',
      country: 'United Kingdom',
      gender: 'female',
      custom_fields: { preferred_contact: 'sms', marketing_consent: false },
      archived_at: null,
      archived_by: null,
      archive_reason: null,
      archive_notes: null,
      created_at: '2026-03-02T12:00:00Z',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(Object.keys(created.body.data)).toEqual(PATIENT_FIELDS);
    expect(id).toMatch(/^pat_[0-9a-f]{24}$/);
    expect(fetched.body.data).toEqual(created.body.data);
  });

  it('accepts only the three required fields and fills the rest with defaults', async () => {
    const { status, body } = await createPatient({
      first_name: 'Min',
      last_name: 'Imal',
      date_of_birth: '2000-01-01',
    });

    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      nhs_number: null,
      email: null,
      country: 'United Kingdom',
      gender: null,
      custom_fields: {},
    });
  });

  it('lists a new patient last, since it was created most recently', async () => {
    const { body: created } = await createPatient({
      first_name: 'Newest',
      last_name: 'Arrival',
      date_of_birth: '1999-09-09',
    });
    const { body } = await listPatients(`?offset=${api.sandbox.store.patients.length - 1}`);

    expect(body.data.map((patient) => patient.id)).toEqual([created.data.id]);
  });

  it('allows a duplicate NHS number, as Jump documents no uniqueness rule', async () => {
    const existing = api.sandbox.store.patients[0]?.nhs_number;
    const { status } = await createPatient({
      first_name: 'Twin',
      last_name: 'Record',
      date_of_birth: '1980-01-01',
      nhs_number: existing,
    });

    expect(status).toBe(201);
  });

  it('answers 400 listing every problem in details and in fields', async () => {
    const { status, body } = await createPatient({
      last_name: 42,
      date_of_birth: '2025-02-30',
      nhs_number: '1234567890',
      email: 'not-an-email',
      postcode: 'SW1A 1CI',
      gender: 'woman',
      custom_fields: ['not', 'an', 'object'],
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      [
        'first_name is required',
        'last_name must be a string',
        'date_of_birth must be a valid date in YYYY-MM-DD format',
        'nhs_number must be 10 digits with a valid NHS check digit',
        'email must be a valid email address',
        'postcode must be a valid UK postcode',
        'gender must be one of male, female, other',
        'custom_fields must be an object',
      ].join('; '),
    );
    expect(body.fields?.map((field) => field.field)).toEqual([
      'first_name',
      'last_name',
      'date_of_birth',
      'nhs_number',
      'email',
      'postcode',
      'gender',
      'custom_fields',
    ]);
    expect(body.fields?.[2]).toEqual({
      field: 'date_of_birth',
      message: 'date_of_birth must be a valid date in YYYY-MM-DD format',
    });
  });

  it.each([
    ['2026-03-03', 'date_of_birth must not be in the future'],
    ['1899-12-31', 'date_of_birth must not be before 1900-01-01'],
    ['1990-1-10', 'date_of_birth must be a valid date in YYYY-MM-DD format'],
    ['2023-02-29', 'date_of_birth must be a valid date in YYYY-MM-DD format'],
  ])('rejects the date of birth %s', async (dateOfBirth, details) => {
    const { status, body } = await createPatient({
      first_name: 'Date',
      last_name: 'Check',
      date_of_birth: dateOfBirth,
    });

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('accepts a leap day and today as dates of birth', async () => {
    const leap = await createPatient({
      first_name: 'L',
      last_name: 'P',
      date_of_birth: '2024-02-29',
    });
    const today = await createPatient({
      first_name: 'T',
      last_name: 'D',
      date_of_birth: '2026-03-02',
    });

    expect([leap.status, today.status]).toEqual([201, 201]);
  });

  it('rejects names over 100 characters and blank ones', async () => {
    const { body } = await createPatient({
      first_name: 'x'.repeat(101),
      last_name: '   ',
      date_of_birth: '1990-01-01',
    });

    expect(body.details).toBe(
      'first_name must be at most 100 characters; last_name must not be empty',
    );
  });

  it('rejects custom_fields nested too deeply to serve back safely', async () => {
    const deep = JSON.parse(`${'{"a":'.repeat(10)}1${'}'.repeat(10)}`) as unknown;
    const { status, body } = await createPatient({
      first_name: 'Deep',
      last_name: 'Nest',
      date_of_birth: '1990-01-01',
      custom_fields: deep,
    });

    expect(status).toBe(400);
    expect(body.details).toBe('custom_fields must not be nested more than 5 levels deep');
  });
});

describe('PATCH /patients/{id}', () => {
  it('changes only given fields, clears nulled optional ones and bumps updated_at', async () => {
    const target = api.sandbox.store.patients[5] as Patient;
    const { status, body } = await api.request<ItemBody<Patient>>(`/patients/${target.id}`, {
      method: 'PATCH',
      json: { email: 'changed@example.com', address_line_2: null, custom_fields: null },
    });

    expect(status).toBe(200);
    expect(body.data).toEqual({
      ...target,
      email: 'changed@example.com',
      address_line_2: null,
      custom_fields: {},
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(api.sandbox.store.getPatient(target.id)).toEqual(body.data);
  });

  it('ignores id and timestamps, so an object read back can be sent as is', async () => {
    const target = api.sandbox.store.patients[6] as Patient;
    const { status, body } = await api.request<ItemBody<Patient>>(`/patients/${target.id}`, {
      method: 'PATCH',
      json: { ...target, id: 'pat_other', created_at: '2000-01-01T00:00:00Z', city: 'York' },
    });

    expect(status).toBe(200);
    expect(body.data).toMatchObject({ id: target.id, created_at: target.created_at, city: 'York' });
  });

  it('refuses to null a required field and applies nothing when any field is invalid', async () => {
    const target = api.sandbox.store.patients[8] as Patient;
    const { status, body } = await api.request<ErrorBody>(`/patients/${target.id}`, {
      method: 'PATCH',
      json: { first_name: null, city: 'Bath', phone: 'call me' },
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      'first_name cannot be null; phone must be a phone number of 7 to 30 digits, spaces and + ( ) -',
    );
    expect(api.sandbox.store.getPatient(target.id)).toEqual(target);
  });

  it('answers 404 for an unknown patient', async () => {
    const { status, body } = await api.request<ErrorBody>('/patients/pat_nobody', {
      method: 'PATCH',
      json: { city: 'York' },
    });

    expect(status).toBe(404);
    expect(body.details).toBe('Patient pat_nobody not found');
  });
});

describe('archiving through PATCH /patients/{id}', () => {
  const patch = (id: string, json: unknown) =>
    api.request<ItemBody<Patient> & ErrorBody>(`/patients/${id}`, { method: 'PATCH', json });

  it('archives a patient as the sandbox API user, keeping the record', async () => {
    const target = api.sandbox.store.patients[90] as Patient;
    const { status, body } = await patch(target.id, {
      archived_at: '2026-03-01T09:30:00.250+00:00',
      archive_reason: 'Moved away',
      archive_notes: 'Moved to Leeds.',
    });
    const listed = await listPatients(`?search=${encodeURIComponent(target.nhs_number ?? '')}`);

    expect(status).toBe(200);
    expect(body.data).toEqual({
      ...target,
      archived_at: '2026-03-01T09:30:00Z',
      archived_by: 'usr_sandbox_api',
      archive_reason: 'Moved away',
      archive_notes: 'Moved to Leeds.',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(listed.body.data.map((patient) => patient.id)).toEqual([target.id]);
  });

  it('restores a patient with archived_at null, clearing every archive field', async () => {
    const target = api.sandbox.store.patients[91] as Patient;
    await patch(target.id, { archived_at: '2026-03-01T09:30:00Z', archive_reason: 'Duplicate' });
    const { status, body } = await patch(target.id, { archived_at: null });

    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      archived_at: null,
      archived_by: null,
      archive_reason: null,
      archive_notes: null,
    });
  });

  it('changes the reason of an archived patient without touching archived_at', async () => {
    const archived = api.sandbox.store.patients.find((patient) => patient.archived_at) as Patient;
    const { body } = await patch(archived.id, { archive_reason: 'Left the UK' });

    expect(body.data).toMatchObject({
      archived_at: archived.archived_at,
      archived_by: archived.archived_by,
      archive_reason: 'Left the UK',
    });
  });

  it.each([
    [{ archived_at: '2026-03-03T00:00:00Z' }, 'archived_at must not be in the future'],
    [
      { archived_at: '2026-03-01' },
      'archived_at must be an ISO 8601 date-time with a zone, e.g. 2026-01-20T14:00:00Z',
    ],
    [
      { archive_reason: 'Moved away' },
      'archive_reason can only be set on an archived patient; send archived_at as well',
    ],
    [
      { archived_at: null, archive_notes: 'x' },
      'archive_notes can only be set on an archived patient; send archived_at as well',
    ],
  ])('refuses %o', async (json, details) => {
    const target = api.sandbox.store.patients[92] as Patient;
    const { status, body } = await patch(target.id, json);

    expect(status).toBe(400);
    expect(body.details).toBe(details);
    expect(api.sandbox.store.getPatient(target.id)).toEqual(target);
  });

  it('ignores archive fields on create', async () => {
    const { body } = await createPatient({
      first_name: 'Never',
      last_name: 'Archived',
      date_of_birth: '1990-01-01',
      archived_at: '2026-03-01T09:30:00Z',
      archived_by: 'usr_someone',
    });

    expect(body.data).toMatchObject({ archived_at: null, archived_by: null });
  });
});

describe('methods on /patients', () => {
  it('answers 405 for DELETE, as patients cannot be deleted', async () => {
    const id = api.sandbox.store.patients[0]?.id ?? '';
    const response = await api.request<ErrorBody>(`/patients/${id}`, { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PATCH');
    expect(response.body.error).toBe('Method Not Allowed');
  });

  it('answers 405 for PUT on the collection', async () => {
    const response = await api.request('/patients', { method: 'PUT', json: {} });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});

describe('determinism over HTTP', () => {
  it('serves an identical first page from two sandboxes with the same seed', async () => {
    const [one, two, other] = await Promise.all([
      startSandbox({ seed: 99 }),
      startSandbox({ seed: 99 }),
      startSandbox({ seed: 100 }),
    ]);
    try {
      const pages = await Promise.all([one, two, other].map((s) => request(s, '/patients')));

      expect(pages[0]?.text).toBe(pages[1]?.text);
      expect(pages[2]?.text).not.toBe(pages[0]?.text);
    } finally {
      await Promise.all([one.close(), two.close(), other.close()]);
    }
  });
});
