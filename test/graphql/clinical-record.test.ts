import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClinicalRecordDocument } from '../../examples/generated/graphql.js';
import type { ClinicalRecordQuery } from '../../examples/generated/graphql.js';
import { schema } from '../../src/graphql/schema.js';
import { KEYS, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  // The catalogue cache would hide the calls this file counts; its own tests are elsewhere.
  stack = await startStack({ config: { catalogueCacheTtlMs: 0 } });
});
afterAll(() => stack.close());

/** A patient with at least one of everything, so the record query exercises every branch. */
function richPatient() {
  const { store } = stack.sandbox;
  const patient = store.patients.find(
    (candidate) =>
      store.problems.some((problem) => problem.patient_id === candidate.id) &&
      store.documents.some((document) => document.patient_id === candidate.id) &&
      store.prescriptions.some((prescription) => prescription.patient_id === candidate.id) &&
      store.appointments.some(
        (appointment) =>
          appointment.patient_id === candidate.id && appointment.location_id !== null,
      ),
  );
  if (!patient) {
    throw new Error('the sandbox data has no patient with a full record');
  }

  return patient;
}

const record = (id: string, key: string = KEYS.full) =>
  stack.query<ClinicalRecordQuery>(print(ClinicalRecordDocument), { key, variables: { id } });

describe('one query for a patient’s whole clinical record', () => {
  it('returns consultations, problems, appointments with names, documents with links and prescriptions', async () => {
    const patient = richPatient();
    const { body } = await record(patient.id);
    const data = body.data?.patient;

    expect(body.errors).toBeUndefined();
    expect(data?.problems?.nodes.length).toBeGreaterThan(0);
    expect(data?.prescriptions?.nodes.length).toBeGreaterThan(0);
    expect(
      data?.documents?.nodes.every((document) => document.downloadUrl?.startsWith('http')),
    ).toBe(true);
    for (const appointment of data?.appointments?.nodes ?? []) {
      expect(appointment.clinician?.name).toMatch(/\w+ \w+/);
      expect(appointment.appointmentType?.name).toBeTruthy();
      if (!appointment.isRemote) {
        expect(appointment.location?.name).toBeTruthy();
      }
    }
  });

  it('makes exactly one call per list, per referenced resource and per download link', async () => {
    const { store } = stack.sandbox;
    const patient = richPatient();
    const appointments = store.appointments.filter((item) => item.patient_id === patient.id);
    const any = (values: Array<string | null>) => (values.some(Boolean) ? 1 : 0);
    const expected =
      1 + // the patient
      5 + // one page each of consultations, problems, appointments, documents, prescriptions
      any(appointments.map((item) => item.clinician_profile_id)) + // one id_in batch each
      any(appointments.map((item) => item.location_id)) +
      any(appointments.map((item) => item.appointment_type_id)) +
      store.documents.filter((item) => item.patient_id === patient.id).length;
    stack.sandbox.resetCalls();
    const { body } = await record(patient.id);

    expect(body.errors).toBeUndefined();
    expect(stack.sandbox.calls).toHaveLength(expected);
  });

  it('resolves every read with the read-only key', async () => {
    const { body } = await record(richPatient().id, KEYS.readonly);

    expect(body.errors).toBeUndefined();
    expect(body.data?.patient?.appointments?.nodes.length).toBeGreaterThan(0);
  });

  it('links a consultation to the appointment it took place in', async () => {
    const { store } = stack.sandbox;
    const consultation = store.consultations.find((item) => item.appointment_id !== null)!;
    const { body } = await stack.query<{
      consultation: { appointment: { id: string; patient: { id: string } } };
    }>(`query ($id: ID!) { consultation(id: $id) { appointment { id patient { id } } } }`, {
      variables: { id: consultation.id },
    });

    expect(body.errors).toBeUndefined();
    expect(body.data?.consultation.appointment).toEqual({
      id: consultation.appointment_id,
      patient: { id: consultation.patient_id },
    });
  });
});

describe('every mutation with the read-only key', () => {
  const patientId = () => stack.sandbox.store.patients[0]!.id;
  const first = <T extends { id: string }>(items: readonly T[]) => items[0]!.id;
  const mutations = (): Record<string, [string, string]> => {
    const { store } = stack.sandbox;
    const p = patientId();

    return {
      createPatient: [
        'write_patients',
        'createPatient(input: { firstName: "A", lastName: "B", dateOfBirth: "1990-01-01" }) { id }',
      ],
      updatePatient: [
        'write_patients',
        `updatePatient(id: "${p}", input: { email: "a@example.com" }) { id }`,
      ],
      archivePatient: ['write_patients', `archivePatient(id: "${p}", reason: "Moved away") { id }`],
      unarchivePatient: ['write_patients', `unarchivePatient(id: "${p}") { id }`],
      createConsultation: [
        'write_consultations',
        `createConsultation(input: { patientId: "${p}", consultationDate: "2026-01-02" }) { id }`,
      ],
      createProblem: [
        'write_problems',
        `createProblem(input: { patientId: "${p}", problemName: "Asthma" }) { id }`,
      ],
      createAppointment: [
        'write_appointments',
        `createAppointment(input: { patientId: "${p}", clinicianId: "${first(store.clinicians)}",
          appointmentTypeId: "${first(store.appointmentTypes)}", startTime: "2027-03-01T10:00:00Z",
          isRemote: true }) { id }`,
      ],
      updateAppointment: [
        'write_appointments',
        `updateAppointment(id: "${first(store.appointments)}", input: { notes: "x" }) { id }`,
      ],
      cancelAppointment: [
        'write_appointments',
        `cancelAppointment(id: "${first(store.appointments)}", reason: "Unwell") { id }`,
      ],
      createDocument: [
        'write_documents',
        `createDocument(input: { patientId: "${p}", documentType: "clinic_letter", title: "Letter",
          fileName: "letter.pdf", mimeType: "application/pdf" }) { id }`,
      ],
      createPrescription: [
        'write_prescriptions',
        `createPrescription(input: { patientId: "${p}", medicationName: "Metformin", dosage: "500",
          dosageUnit: "mg", frequency: "twice daily" }) { id }`,
      ],
      updatePrescription: [
        'write_prescriptions',
        `updatePrescription(id: "${first(store.prescriptions)}", input: { status: STOPPED }) { id }`,
      ],
      createHold: [
        'write_holds',
        `createHold(input: { appointmentTypeId: "${first(store.appointmentTypes)}",
          clinicianId: "${first(store.clinicians)}", startTime: "2027-03-23T10:00:00Z" }) { id }`,
      ],
      releaseHold: ['write_holds', 'releaseHold(id: "hold_x") { id }'],
      confirmHold: [
        'write_holds',
        `confirmHold(id: "hold_x", input: { patientId: "${p}" }) { id }`,
      ],
    };
  };

  it('covers every mutation in the schema', () => {
    expect(Object.keys(mutations()).sort()).toEqual(
      Object.keys(schema.getMutationType()?.getFields() ?? {}).sort(),
    );
  });

  it('answers FORBIDDEN with the write scope and Jump’s request_id for each', async () => {
    for (const [name, [scope, selection]] of Object.entries(mutations())) {
      const { body } = await stack.query(`mutation { ${selection} }`, { key: KEYS.readonly });

      expect(body.data, name).toEqual({ [name]: null });
      expect(body.errors?.[0]?.extensions, name).toMatchObject({
        code: 'FORBIDDEN',
        requiredScope: scope,
      });
      expect(body.errors?.[0]?.extensions?.request_id, name).toMatch(/^req_/);
    }
  });
});
