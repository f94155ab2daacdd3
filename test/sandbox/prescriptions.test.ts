import { afterEach, describe, expect, it } from 'vitest';
import type { Patient, Prescription } from '../../src/sandbox/records.js';
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

afterEach(() => {
  clock = NOW;
});

const listPrescriptions = (query = '') =>
  api.request<ListBody<Prescription>>(`/prescriptions${query}`);

const createPrescription = (json: unknown) =>
  api.request<ItemBody<Prescription> & ErrorBody>('/prescriptions', { method: 'POST', json });

const patchPrescription = (id: string, json: unknown) =>
  api.request<ItemBody<Prescription> & ErrorBody>(`/prescriptions/${id}`, {
    method: 'PATCH',
    json,
  });

const somePatient = () => api.sandbox.store.patients[44] as Patient;

const METFORMIN = {
  medication_name: 'Metformin',
  dosage: '500',
  dosage_unit: 'mg',
  frequency: 'twice daily',
};

describe('GET /prescriptions', () => {
  it('lists prescriptions in the OLDER envelope, fields in the documented order', async () => {
    const { status, body } = await listPrescriptions('?limit=10&offset=10');

    expect(status).toBe(200);
    expect(body.data).toEqual(api.sandbox.store.prescriptions.slice(10, 20));
    expect(body.pagination).toMatchObject({ limit: 10, offset: 10, has_more: true });
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'patient_id',
      'prescriber_id',
      'display_name',
      'medication_name',
      'dosage',
      'dosage_unit',
      'frequency',
      'route',
      'quantity',
      'refills',
      'start_date',
      'end_date',
      'status',
      'instructions',
      'notes',
      'created_at',
      'updated_at',
    ]);
  });

  it('filters by patient_id', async () => {
    const target = api.sandbox.store.prescriptions[5] as Prescription;
    const { body } = await listPrescriptions(`?patient_id=${target.patient_id}`);

    expect(body.data.map((prescription) => prescription.id)).toContain(target.id);
    expect(body.data.every((prescription) => prescription.patient_id === target.patient_id)).toBe(
      true,
    );
  });

  it.each(['active', 'stopped', 'completed'])('filters by status=%s', async (status) => {
    const { body } = await listPrescriptions(`?status=${status}`);
    const expected = api.sandbox.store.prescriptions.filter((item) => item.status === status);

    expect(body.pagination.total).toBe(expected.length);
    expect(body.pagination.total).toBeGreaterThan(0);
    expect(body.data.every((prescription) => prescription.status === status)).toBe(true);
  });

  it('answers 400 naming status for a value it does not know', async () => {
    const { status, body } = await api.request<ErrorBody>('/prescriptions?status=paused');

    expect(status).toBe(400);
    expect(body.details).toBe(
      'status must be one of active, stopped, completed; received "paused"',
    );
  });

  it('needs read_prescriptions', async () => {
    const { status, body } = await api.request<ErrorBody>('/prescriptions', {
      key: KEYS.booking,
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: read_prescriptions');
  });
});

describe('GET /prescriptions/{id}', () => {
  it('returns the prescription', async () => {
    const target = api.sandbox.store.prescriptions[8] as Prescription;
    const { body } = await api.request<ItemBody<Prescription>>(`/prescriptions/${target.id}`);

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the prescription', async () => {
    const { status, body } = await api.request<ErrorBody>('/prescriptions/rx_none');

    expect(status).toBe(404);
    expect(body.details).toBe('Prescription rx_none not found');
  });
});

describe('POST /prescriptions', () => {
  it('prescribes with defaults: display name, today’s start, active, no refills', async () => {
    const patient = somePatient();
    const { status, body } = await createPrescription({ patient_id: patient.id, ...METFORMIN });
    const fetched = await api.request<ItemBody<Prescription>>(`/prescriptions/${body.data.id}`);

    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: body.data.id,
      patient_id: patient.id,
      prescriber_id: null,
      display_name: 'Metformin 500mg',
      medication_name: 'Metformin',
      dosage: '500',
      dosage_unit: 'mg',
      frequency: 'twice daily',
      route: null,
      quantity: null,
      refills: 0,
      start_date: '2026-03-02',
      end_date: null,
      status: 'active',
      instructions: null,
      notes: null,
      created_at: '2026-03-02T12:00:00Z',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(body.data.id).toMatch(/^rx_[0-9a-f]{24}$/);
    expect(fetched.body.data).toEqual(body.data);
  });

  it('takes every optional field, and a dosage sent as a number', async () => {
    const prescriber = api.sandbox.store.clinicians[1];
    const { status, body } = await createPrescription({
      patient_id: somePatient().id,
      ...METFORMIN,
      dosage: 2.5,
      dosage_unit: 'micrograms',
      display_name: 'Custom name',
      route: 'inhaled',
      quantity: 0,
      refills: 3,
      start_date: '2026-01-10',
      end_date: '2026-01-10',
      status: 'completed',
      instructions: 'Two puffs',
      notes: 'Reviewed',
      prescriber_id: prescriber?.id,
    });

    expect(status).toBe(201);
    expect(body.data).toMatchObject({
      dosage: '2.5',
      display_name: 'Custom name',
      route: 'inhaled',
      quantity: 0,
      refills: 3,
      end_date: '2026-01-10',
      status: 'completed',
      prescriber_id: prescriber?.id,
    });
  });

  it.each(['stopped', 'completed'])(
    'answers 400 naming end_date for a %s prescription without one',
    async (status) => {
      const { status: code, body } = await createPrescription({
        patient_id: somePatient().id,
        ...METFORMIN,
        start_date: '2026-01-05',
        status,
      });

      expect(code).toBe(400);
      expect(body.details).toBe(`end_date is required when status is ${status}`);
      expect(body.fields).toEqual([
        { field: 'end_date', message: `end_date is required when status is ${status}` },
      ]);
    },
  );

  it('answers 400 listing every problem in details and fields', async () => {
    const { status, body } = await createPrescription({
      medication_name: 'X',
      dosage: '',
      dosage_unit: 'mg',
      route: 'by mouth',
      quantity: -1,
      refills: 1.5,
      start_date: '2026-02-01',
      end_date: '2026-01-31',
      status: 'paused',
      prescriber_id: 'cli_nobody',
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      [
        'patient_id is required',
        'dosage must be a positive number such as "500" or "2.5"',
        'frequency is required',
        'route must be one of oral, inhaled, topical, subcutaneous, intramuscular, intravenous, sublingual, rectal, nasal, ophthalmic',
        'quantity must be a non-negative integer',
        'refills must be a non-negative integer',
        'status must be one of active, stopped, completed',
        'prescriber_id does not match any clinician',
        'end_date must not be before start_date',
      ].join('; '),
    );
    expect(body.fields?.map((field) => field.field)).toEqual([
      'patient_id',
      'dosage',
      'frequency',
      'route',
      'quantity',
      'refills',
      'status',
      'prescriber_id',
      'end_date',
    ]);
  });

  it.each([
    [{ patient_id: 'pat_nobody' }, 'patient_id does not match any patient'],
    [{ dosage: '0' }, 'dosage must be a positive number such as "500" or "2.5"'],
    [{ dosage: '500mg' }, 'dosage must be a positive number such as "500" or "2.5"'],
    [{ start_date: '2026-13-01' }, 'start_date must be a valid date in YYYY-MM-DD format'],
  ])('refuses %o', async (change, details) => {
    const { status, body } = await createPrescription({
      patient_id: somePatient().id,
      ...METFORMIN,
      ...change,
    });

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('needs write_prescriptions', async () => {
    const { status, body } = await api.request<ErrorBody>('/prescriptions', {
      method: 'POST',
      key: KEYS.readonly,
      json: { patient_id: somePatient().id, ...METFORMIN },
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: write_prescriptions');
  });
});

describe('PATCH /prescriptions/{id}', () => {
  const fresh = async () => {
    const { body } = await createPrescription({
      patient_id: somePatient().id,
      ...METFORMIN,
      start_date: '2026-01-05',
    });

    return body.data;
  };

  it('stops a prescription, leaving the fields it does not name alone', async () => {
    const target = await fresh();
    const { status, body } = await patchPrescription(target.id, {
      status: 'stopped',
      end_date: '2026-02-01',
      notes: 'Stopped: GI side effects',
    });

    expect(status).toBe(200);
    expect(body.data).toEqual({
      ...target,
      status: 'stopped',
      end_date: '2026-02-01',
      notes: 'Stopped: GI side effects',
      updated_at: '2026-03-02T12:00:00Z',
    });
  });

  it('renames the default display name when the dosage changes, unless one is given', async () => {
    const target = await fresh();
    const renamed = await patchPrescription(target.id, { dosage: '1000' });
    const named = await patchPrescription(target.id, { dosage_unit: 'g', display_name: 'Own' });

    expect(renamed.body.data.display_name).toBe('Metformin 1000mg');
    expect(named.body.data.display_name).toBe('Own');
  });

  it('keeps a display name a clinician chose when the medicine, dosage or unit changes', async () => {
    const { body } = await createPrescription({
      patient_id: somePatient().id,
      ...METFORMIN,
      display_name: 'Metformin MR (with food)',
    });
    const dosage = await patchPrescription(body.data.id, { dosage: '1000' });
    const medicine = await patchPrescription(body.data.id, {
      medication_name: 'Metformin MR',
      dosage_unit: 'g',
    });

    expect(dosage.body.data).toMatchObject({
      dosage: '1000',
      display_name: 'Metformin MR (with food)',
    });
    expect(medicine.body.data.display_name).toBe('Metformin MR (with food)');
  });

  it('keeps a generated prescription’s name when it was edited away from the default', async () => {
    const target = api.sandbox.store.prescriptions[3] as Prescription;
    await patchPrescription(target.id, { display_name: 'Edited by the practice' });
    const { body } = await patchPrescription(target.id, { dosage: '99' });

    expect(body.data.display_name).toBe('Edited by the practice');
  });

  it('restores the default display name when display_name is sent as null', async () => {
    const { body } = await createPrescription({
      patient_id: somePatient().id,
      ...METFORMIN,
      display_name: 'Own name',
    });
    const { body: patched } = await patchPrescription(body.data.id, {
      dosage: '850',
      display_name: null,
    });

    expect(patched.data.display_name).toBe('Metformin 850mg');
  });

  it('refuses a new patient, nulls on required fields and an end before the start', async () => {
    const target = await fresh();
    const other = api.sandbox.store.patients[45] as Patient;
    const { status, body } = await patchPrescription(target.id, {
      patient_id: other.id,
      frequency: null,
      refills: null,
      end_date: '2026-01-04',
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      [
        'frequency cannot be null',
        'patient_id cannot be changed',
        'refills cannot be null',
        'end_date must not be before start_date',
      ].join('; '),
    );
    expect(api.sandbox.store.getPrescription(target.id)).toEqual(target);
  });

  it('checks a new start date against the end date already stored', async () => {
    const target = await fresh();
    await patchPrescription(target.id, { end_date: '2026-01-20' });
    const { status, body } = await patchPrescription(target.id, { start_date: '2026-01-21' });

    expect(status).toBe(400);
    expect(body.details).toBe('end_date must not be before start_date');
  });

  describe('keeps status and dates in step', () => {
    it.each(['stopped', 'completed'])(
      'ends a course today in London when moved to %s without an end_date',
      async (status) => {
        const target = await fresh();
        const { status: code, body } = await patchPrescription(target.id, { status });

        expect(code).toBe(200);
        expect(body.data).toMatchObject({ status, end_date: '2026-03-02' });
      },
    );

    it('takes today from the London calendar, not UTC, on a summer night', async () => {
      const target = await fresh();
      clock = new Date('2026-06-30T23:30:00Z');
      const { body } = await patchPrescription(target.id, { status: 'stopped' });

      expect(body.data.end_date).toBe('2026-07-01');
    });

    it('ends a course that has not started yet on its start date', async () => {
      const { body: created } = await createPrescription({
        patient_id: somePatient().id,
        ...METFORMIN,
        start_date: '2026-04-01',
      });
      const { body } = await patchPrescription(created.data.id, { status: 'stopped' });

      expect(body.data.end_date).toBe('2026-04-01');
    });

    it('replaces a planned end still to come when the course is stopped early', async () => {
      const target = await fresh();
      await patchPrescription(target.id, { end_date: '2026-06-30' });
      const { body } = await patchPrescription(target.id, { status: 'stopped' });

      expect(body.data.end_date).toBe('2026-03-02');
    });

    it('keeps the end of a course that had already ended when its status changes', async () => {
      const target = await fresh();
      await patchPrescription(target.id, { status: 'stopped', end_date: '2026-02-01' });
      const { body } = await patchPrescription(target.id, { status: 'completed' });

      expect(body.data).toMatchObject({ status: 'completed', end_date: '2026-02-01' });
    });

    it('uses the end_date the body gives with the new status', async () => {
      const target = await fresh();
      const { body } = await patchPrescription(target.id, {
        status: 'completed',
        end_date: '2026-02-14',
      });

      expect(body.data).toMatchObject({ status: 'completed', end_date: '2026-02-14' });
    });

    it('answers 400 naming end_date when the body clears it on a stopped course', async () => {
      const target = await fresh();
      await patchPrescription(target.id, { status: 'stopped', end_date: '2026-02-01' });
      const cleared = await patchPrescription(target.id, { end_date: null });
      const both = await patchPrescription(target.id, { status: 'completed', end_date: null });

      expect(cleared.status).toBe(400);
      expect(cleared.body.details).toBe('end_date is required when status is stopped');
      expect(both.body.fields?.map((field) => field.field)).toEqual(['end_date']);
      expect(api.sandbox.store.getPrescription(target.id)?.end_date).toBe('2026-02-01');
    });

    it('clears an end that has passed when a course is made active again', async () => {
      const target = await fresh();
      await patchPrescription(target.id, { status: 'stopped', end_date: '2026-02-01' });
      const { body } = await patchPrescription(target.id, { status: 'active' });

      expect(body.data).toMatchObject({ status: 'active', end_date: null });
    });

    it('keeps a future end_date the body gives when a course is made active again', async () => {
      const target = await fresh();
      await patchPrescription(target.id, { status: 'stopped', end_date: '2026-02-01' });
      const { body } = await patchPrescription(target.id, {
        status: 'active',
        end_date: '2026-05-31',
      });

      expect(body.data).toMatchObject({ status: 'active', end_date: '2026-05-31' });
    });

    it('answers 400 for an active course given an end that has passed', async () => {
      const target = await fresh();
      const { status, body } = await patchPrescription(target.id, {
        status: 'active',
        end_date: '2026-02-01',
      });

      expect(status).toBe(400);
      expect(body.details).toBe(
        'end_date must not be before today (2026-03-02) when status is active',
      );
    });

    it('still answers 400 for an end before the start, whatever the status', async () => {
      const target = await fresh();
      const { status, body } = await patchPrescription(target.id, {
        status: 'completed',
        end_date: '2026-01-04',
      });

      expect(status).toBe(400);
      expect(body.details).toBe('end_date must not be before start_date');
    });
  });

  it('accepts the same patient_id, so an object read back can be sent', async () => {
    const target = await fresh();
    const { status } = await patchPrescription(target.id, { ...target, quantity: 56 });

    expect(status).toBe(200);
  });

  it('answers 404 for an unknown prescription', async () => {
    const { status, body } = await patchPrescription('rx_none', { notes: 'x' });

    expect(status).toBe(404);
    expect(body.details).toBe('Prescription rx_none not found');
  });

  it('needs write_prescriptions', async () => {
    const target = api.sandbox.store.prescriptions[0] as Prescription;
    const { status } = await api.request(`/prescriptions/${target.id}`, {
      method: 'PATCH',
      key: KEYS.readonly,
      json: { notes: 'x' },
    });

    expect(status).toBe(403);
  });
});
