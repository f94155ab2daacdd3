import { describe, expect, it } from 'vitest';
import type { Consultation, Patient } from '../../src/sandbox/records.js';
import {
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const api = useSandbox({ now: () => NOW });

const listConsultations = (query = '') =>
  api.request<ListBody<Consultation>>(`/consultations${query}`);

const createConsultation = (json: unknown) =>
  api.request<ItemBody<Consultation> & ErrorBody>('/consultations', { method: 'POST', json });

const somePatient = () => api.sandbox.store.patients[12] as Patient;

describe('GET /consultations', () => {
  it('lists consultations newest first with the OLDER pagination envelope', async () => {
    const { status, body } = await listConsultations('?limit=20');
    const keys = body.data.map((c) => `${c.consultation_date}T${c.consultation_time}`);

    expect(status).toBe(200);
    expect(body.data).toHaveLength(20);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(body.pagination).toEqual({
      total: api.sandbox.store.consultations.length,
      limit: 20,
      offset: 0,
      has_more: true,
    });
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'patient_id',
      'clinician_id',
      'location_id',
      'appointment_id',
      'consultation_date',
      'consultation_time',
      'status',
      'consultation_type_code',
      'consultation_type_display',
      'chief_complaint',
      'summary',
      'created_at',
      'updated_at',
    ]);
  });

  it('filters by patient_id', async () => {
    const patient = somePatient();
    const { body } = await listConsultations(`?patient_id=${patient.id}`);

    expect(body.data.length).toBeGreaterThanOrEqual(2);
    expect(body.data.every((consultation) => consultation.patient_id === patient.id)).toBe(true);
    expect(body.pagination.total).toBe(body.data.length);
  });

  it('returns an empty page for a patient_id that matches nothing', async () => {
    const { status, body } = await listConsultations('?patient_id=pat_nobody');

    expect(status).toBe(200);
    expect(body.pagination.total).toBe(0);
  });

  it('answers 400 for limit 101', async () => {
    const { status, body } = await api.request<ErrorBody>('/consultations?limit=101');

    expect(status).toBe(400);
    expect(body.details).toBe('limit must be an integer from 1 to 100; received "101"');
  });
});

describe('GET /consultations/{id}', () => {
  it('returns the consultation', async () => {
    const target = api.sandbox.store.consultations[4] as Consultation;
    const { body } = await api.request<ItemBody<Consultation>>(`/consultations/${target.id}`);

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the consultation', async () => {
    const { status, body } = await api.request<ErrorBody>('/consultations/con_nope');

    expect(status).toBe(404);
    expect(body.details).toBe('Consultation con_nope not found');
  });
});

describe('POST /consultations', () => {
  it('records a consultation, fills the SNOMED display and normalises HH:MM', async () => {
    const patient = somePatient();
    const clinician = api.sandbox.store.clinicians[0];
    const { status, body } = await createConsultation({
      patient_id: patient.id,
      consultation_date: '2026-03-01',
      consultation_time: '14:30',
      clinician_id: clinician?.id,
      consultation_type_code: '185317003',
      chief_complaint: 'Cough',
      summary: 'Viral; self-care advice.',
    });
    const listed = await listConsultations(`?patient_id=${patient.id}&limit=1`);

    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: body.data.id,
      patient_id: patient.id,
      clinician_id: clinician?.id,
      location_id: null,
      appointment_id: null,
      consultation_date: '2026-03-01',
      consultation_time: '14:30:00',
      status: 'completed',
      consultation_type_code: '185317003',
      consultation_type_display: 'Telephone encounter',
      chief_complaint: 'Cough',
      summary: 'Viral; self-care advice.',
      created_at: '2026-03-02T12:00:00Z',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(body.data.id).toMatch(/^con_[0-9a-f]{24}$/);
    expect(listed.body.data[0]).toEqual(body.data);
  });

  it('answers 400 with patient_id does not match any patient', async () => {
    const { status, body } = await createConsultation({
      patient_id: 'pat_nobody',
      consultation_date: '2026-03-01',
    });

    expect(status).toBe(400);
    expect(body.details).toBe('patient_id does not match any patient');
  });

  it('answers 400 listing every problem', async () => {
    const { body } = await createConsultation({
      consultation_date: '01/03/2026',
      consultation_time: '25:00',
      consultation_type_code: 'ABC123',
      clinician_id: 'cli_nobody',
      status: 'done',
    });

    expect(body.details).toBe(
      [
        'patient_id is required',
        'consultation_date must be a valid date in YYYY-MM-DD format',
        'consultation_time must be a time in HH:MM:SS or HH:MM format',
        'consultation_type_code must be a SNOMED CT concept id of 6 to 18 digits',
        'status must be one of scheduled, in_progress, completed, cancelled',
        'clinician_id does not match any clinician',
      ].join('; '),
    );
  });

  it('checks that appointment_id names one of the patient’s own appointments', async () => {
    const appointment = api.sandbox.store.appointments[0];
    const own = await createConsultation({
      patient_id: appointment?.patient_id,
      consultation_date: '2026-03-01',
      appointment_id: appointment?.id,
    });
    const unknown = await createConsultation({
      patient_id: somePatient().id,
      consultation_date: '2026-03-01',
      appointment_id: 'apt_nobody',
    });
    const others = await createConsultation({
      patient_id: api.sandbox.store.patients.find((p) => p.id !== appointment?.patient_id)?.id,
      consultation_date: '2026-03-01',
      appointment_id: appointment?.id,
    });

    expect(own.status).toBe(201);
    expect(own.body.data.appointment_id).toBe(appointment?.id);
    expect(unknown.body.details).toBe('appointment_id does not match any appointment');
    expect(others.body.details).toBe('appointment_id is another patient’s appointment');
  });

  it('needs write_consultations', async () => {
    const { status, body } = await api.request<ErrorBody>('/consultations', {
      method: 'POST',
      key: 'pk_test_sandbox_readonly',
      json: { patient_id: somePatient().id, consultation_date: '2026-03-01' },
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: write_consultations');
  });
});

describe('PATCH /consultations/{id}', () => {
  it('updates the summary and bumps updated_at', async () => {
    const target = api.sandbox.store.consultations[9] as Consultation;
    const { status, body } = await api.request<ItemBody<Consultation>>(
      `/consultations/${target.id}`,
      { method: 'PATCH', json: { summary: 'Amended summary.' } },
    );

    expect(status).toBe(200);
    expect(body.data).toEqual({
      ...target,
      summary: 'Amended summary.',
      updated_at: '2026-03-02T12:00:00Z',
    });
  });

  it('takes the display for a new type code rather than keeping the old one', async () => {
    const target = api.sandbox.store.consultations[10] as Consultation;
    const { body } = await api.request<ItemBody<Consultation>>(`/consultations/${target.id}`, {
      method: 'PATCH',
      json: { consultation_type_code: '439708006' },
    });

    expect(body.data.consultation_type_display).toBe('Home visit');
  });

  it('refuses to move a consultation to another patient', async () => {
    const target = api.sandbox.store.consultations[11] as Consultation;
    const other = api.sandbox.store.patients.find((patient) => patient.id !== target.patient_id);
    const { status, body } = await api.request<ErrorBody>(`/consultations/${target.id}`, {
      method: 'PATCH',
      json: { patient_id: other?.id },
    });

    expect(status).toBe(400);
    expect(body.details).toBe('patient_id cannot be changed');
  });

  it('answers 405 for DELETE', async () => {
    const target = api.sandbox.store.consultations[0] as Consultation;

    expect((await api.request(`/consultations/${target.id}`, { method: 'DELETE' })).status).toBe(
      405,
    );
  });
});
