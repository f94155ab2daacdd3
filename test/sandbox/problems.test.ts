import { describe, expect, it } from 'vitest';
import type { Patient, Problem } from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const api = useSandbox({ now: () => NOW });

const listProblems = (query = '') => api.request<ListBody<Problem>>(`/problems${query}`);

const createProblem = (json: unknown) =>
  api.request<ItemBody<Problem> & ErrorBody>('/problems', { method: 'POST', json });

const somePatient = () => api.sandbox.store.patients[30] as Patient;

describe('GET /problems', () => {
  it('lists problems oldest first in the OLDER envelope, fields in the documented order', async () => {
    const { status, body } = await listProblems('?limit=10');

    expect(status).toBe(200);
    expect(body.data).toEqual(api.sandbox.store.problems.slice(0, 10));
    expect(body.pagination).toEqual({
      total: api.sandbox.store.problems.length,
      limit: 10,
      offset: 0,
      has_more: true,
    });
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'patient_id',
      'problem_name',
      'snomed_code',
      'icd10_code',
      'status',
      'severity',
      'onset_date',
      'end_date',
      'notes',
      'created_at',
      'updated_at',
    ]);
  });

  it('pages with offset', async () => {
    const { body } = await listProblems('?limit=5&offset=20');

    expect(body.data.map((problem) => problem.id)).toEqual(
      api.sandbox.store.problems.slice(20, 25).map((problem) => problem.id),
    );
  });

  it('filters by patient_id', async () => {
    const target = api.sandbox.store.problems[0] as Problem;
    const { body } = await listProblems(`?patient_id=${target.patient_id}`);

    expect(body.data.map((problem) => problem.id)).toContain(target.id);
    expect(body.data.every((problem) => problem.patient_id === target.patient_id)).toBe(true);
  });

  it.each(['active', 'resolved', 'inactive'])('filters by status=%s', async (status) => {
    const { body } = await listProblems(`?status=${status}`);
    const expected = api.sandbox.store.problems.filter((problem) => problem.status === status);

    expect(body.pagination.total).toBe(expected.length);
    expect(body.pagination.total).toBeGreaterThan(0);
    expect(body.data.every((problem) => problem.status === status)).toBe(true);
  });

  it('combines patient_id and status', async () => {
    const target = api.sandbox.store.problems.find((problem) => problem.status === 'resolved');
    const { body } = await listProblems(`?patient_id=${target?.patient_id}&status=resolved`);

    expect(body.data.map((problem) => problem.id)).toContain(target?.id);
    expect(
      body.data.every((p) => p.patient_id === target?.patient_id && p.status === 'resolved'),
    ).toBe(true);
  });

  it('answers 400 naming status for a value it does not know', async () => {
    const { status, body } = await api.request<ErrorBody>('/problems?status=cured');

    expect(status).toBe(400);
    expect(body.details).toBe('status must be one of active, resolved, inactive; received "cured"');
  });

  it('needs read_problems', async () => {
    const { status, body } = await api.request<ErrorBody>('/problems', { key: KEYS.marketplace });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: read_problems');
  });
});

describe('GET /problems/{id}', () => {
  it('returns the problem', async () => {
    const target = api.sandbox.store.problems[3] as Problem;
    const { body } = await api.request<ItemBody<Problem>>(`/problems/${target.id}`);

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the problem', async () => {
    const { status, body } = await api.request<ErrorBody>('/problems/prb_nothing');

    expect(status).toBe(404);
    expect(body.details).toBe('Problem prb_nothing not found');
  });
});

describe('POST /problems', () => {
  it('records a coded problem, upper-casing the ICD-10 code, and serves it afterwards', async () => {
    const patient = somePatient();
    const { status, body } = await createProblem({
      patient_id: patient.id,
      problem_name: ' Hyperlipidaemia ',
      snomed_code: '55822004',
      icd10_code: 'e78.5',
      severity: 'mild',
      onset_date: '2025-11-03',
      notes: 'QRISK3 12%.',
    });
    const fetched = await api.request<ItemBody<Problem>>(`/problems/${body.data.id}`);

    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: body.data.id,
      patient_id: patient.id,
      problem_name: 'Hyperlipidaemia',
      snomed_code: '55822004',
      icd10_code: 'E78.5',
      status: 'active',
      severity: 'mild',
      onset_date: '2025-11-03',
      end_date: null,
      notes: 'QRISK3 12%.',
      created_at: '2026-03-02T12:00:00Z',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(body.data.id).toMatch(/^prb_[0-9a-f]{24}$/);
    expect(fetched.body.data).toEqual(body.data);
  });

  it('needs only patient_id and problem_name', async () => {
    const { status, body } = await createProblem({
      patient_id: somePatient().id,
      problem_name: 'Eczema',
    });

    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      snomed_code: null,
      icd10_code: null,
      status: 'active',
      severity: null,
      onset_date: null,
      end_date: null,
      notes: null,
    });
  });

  it('records a resolved problem with its end date', async () => {
    const { status, body } = await createProblem({
      patient_id: somePatient().id,
      problem_name: 'Depressive disorder',
      status: 'resolved',
      onset_date: '2024-01-10',
      end_date: '2026-03-02',
    });

    expect(status).toBe(201);
    expect(body.data).toMatchObject({ status: 'resolved', end_date: '2026-03-02' });
  });

  it('answers 400 listing every problem in details and fields', async () => {
    const { status, body } = await createProblem({
      problem_name: '',
      snomed_code: 'S123',
      icd10_code: 'hypertension',
      status: 'cured',
      severity: 'critical',
      onset_date: '2026-03-03',
      end_date: '2025-02-30',
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      [
        'patient_id is required',
        'problem_name must not be empty',
        'snomed_code must be a SNOMED CT concept id of 6 to 18 digits',
        'icd10_code must be an ICD-10 code such as E11 or E78.5',
        'status must be one of active, resolved, inactive',
        'severity must be one of mild, moderate, severe',
        'onset_date must not be in the future',
        'end_date must be a valid date in YYYY-MM-DD format',
      ].join('; '),
    );
    expect(body.fields?.map((field) => field.field)).toEqual([
      'patient_id',
      'problem_name',
      'snomed_code',
      'icd10_code',
      'status',
      'severity',
      'onset_date',
      'end_date',
    ]);
  });

  it.each([
    [{ patient_id: 'pat_nobody' }, 'patient_id does not match any patient'],
    [
      { onset_date: '2025-05-02', end_date: '2025-05-01', status: 'inactive' },
      'end_date must not be before onset_date',
    ],
    [{ status: 'resolved' }, 'end_date is required when status is resolved'],
    [{ end_date: '2025-05-01' }, 'end_date must be empty while status is active'],
    [{ icd10_code: 'E1' }, 'icd10_code must be an ICD-10 code such as E11 or E78.5'],
    [{ icd10_code: 'E11.12345' }, 'icd10_code must be an ICD-10 code such as E11 or E78.5'],
    [{ snomed_code: '12345' }, 'snomed_code must be a SNOMED CT concept id of 6 to 18 digits'],
  ])('refuses %o', async (change, details) => {
    const { status, body } = await createProblem({
      patient_id: somePatient().id,
      problem_name: 'Checked',
      ...change,
    });

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('needs write_problems, which the read-only key lacks', async () => {
    const { status, body } = await api.request<ErrorBody>('/problems', {
      method: 'POST',
      key: KEYS.readonly,
      json: { patient_id: somePatient().id, problem_name: 'Asthma' },
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: write_problems');
  });

  it('answers 405 for PATCH, as Jump documents no problem update', async () => {
    const id = api.sandbox.store.problems[0]?.id;
    const response = await api.request(`/problems/${id}`, { method: 'PATCH', json: {} });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('the store', () => {
  it('takes a problem written directly, with a value the API would refuse', async () => {
    const planted = api.sandbox.store.createProblem({
      patient_id: somePatient().id,
      problem_name: 'Planted',
      snomed_code: null,
      icd10_code: null,
      status: 'in_remission' as Problem['status'],
      severity: null,
      onset_date: null,
      end_date: null,
      notes: null,
    });
    const { body } = await api.request<ItemBody<Problem>>(`/problems/${planted.id}`);
    const changed = api.sandbox.store.updateProblem(planted.id, { notes: 'Edited' });

    expect(body.data.status).toBe('in_remission');
    expect(changed).toMatchObject({ id: planted.id, notes: 'Edited', status: 'in_remission' });
    expect(api.sandbox.store.updateProblem('prb_nobody', { notes: 'x' })).toBeUndefined();
  });
});
