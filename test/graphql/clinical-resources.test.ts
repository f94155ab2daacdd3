import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

type Nodes<T> = { nodes: T[]; totalCount: number | null };

async function expectRefusedLocally(mutation: string, field: string) {
  stack.sandbox.resetCalls();
  const { body } = await stack.query(mutation);

  expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(stack.sandbox.calls).toHaveLength(0);
}

describe('problems', () => {
  it('lists a patient’s problems filtered by status', async () => {
    const problem = stack.sandbox.store.problems.find((item) => item.status === 'active')!;
    const { body } = await stack.query<{ problems: Nodes<{ id: string; status: string }> }>(
      `query ($p: ID) { problems(patientId: $p, status: ACTIVE, first: 100) { totalCount nodes { id status } } }`,
      { variables: { p: problem.patient_id } },
    );
    const expected = stack.sandbox.store.problems.filter(
      (item) => item.patient_id === problem.patient_id && item.status === 'active',
    );

    expect(body.errors).toBeUndefined();
    expect(body.data?.problems.nodes.map((node) => node.id).sort()).toEqual(
      expected.map((item) => item.id).sort(),
    );
    expect(body.data?.problems.nodes.every((node) => node.status === 'ACTIVE')).toBe(true);
  });

  it('creates a coded problem and refuses a malformed ICD-10 code before calling Jump', async () => {
    const patientId = stack.sandbox.store.patients[40]!.id;
    const { body } = await stack.query<{ createProblem: Record<string, unknown> }>(`mutation {
      createProblem(input: { patientId: "${patientId}", problemName: "Essential hypertension",
        snomedCode: "59621000", icd10Code: "I10", severity: MODERATE, onsetDate: "2024-05-01" }) {
        problemName snomedCode icd10Code status severity onsetDate endDate patient { id }
      }
    }`);

    expect(body.errors).toBeUndefined();
    expect(body.data?.createProblem).toEqual({
      problemName: 'Essential hypertension',
      snomedCode: '59621000',
      icd10Code: 'I10',
      status: 'ACTIVE',
      severity: 'MODERATE',
      onsetDate: '2024-05-01',
      endDate: null,
      patient: { id: patientId },
    });
    await expectRefusedLocally(
      `mutation { createProblem(input: { patientId: "${patientId}", problemName: "X", icd10Code: "hypertension" }) { id } }`,
      'input.icd10Code',
    );
    await expectRefusedLocally(
      `mutation { createProblem(input: { patientId: "${patientId}", problemName: "X", onsetDate: "2024-05-02", endDate: "2024-05-01" }) { id } }`,
      'input.endDate',
    );
  });

  it('answers NOT_FOUND for an unknown problem', async () => {
    const { body } = await stack.query(`{ problem(id: "prb_missing") { id } }`);

    expect(body.data).toEqual({ problem: null });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('appointments', () => {
  it('filters by clinician, several statuses and a start-time window', async () => {
    const { store } = stack.sandbox;
    const clinicianId = store.appointments[0]!.clinician_profile_id;
    const from = '2025-01-01T00:00:00.000Z';
    const to = '2025-12-31T23:59:59.000Z';
    const { body } = await stack.query<{
      appointments: Nodes<{
        id: string;
        status: string;
        startTime: string;
        clinician: { id: string };
      }>;
    }>(
      `query ($c: ID, $from: DateTime, $to: DateTime) {
        appointments(clinicianId: $c, status: [COMPLETED, NO_SHOW], startsAfter: $from, startsBefore: $to, first: 100) {
          totalCount nodes { id status startTime clinician { id } }
        }
      }`,
      { variables: { c: clinicianId, from, to } },
    );
    const expected = store.appointments.filter(
      (item) =>
        item.clinician_profile_id === clinicianId &&
        ['completed', 'no_show'].includes(item.status) &&
        item.start_time >= from.slice(0, 19) &&
        item.start_time <= to,
    );

    expect(body.errors).toBeUndefined();
    expect(body.data?.appointments.totalCount).toBe(expected.length);
    expect(body.data?.appointments.nodes.map((node) => node.id).sort()).toEqual(
      expected
        .map((item) => item.id)
        .sort()
        .slice(0, 100),
    );
  });

  it('books, moves and cancels an appointment, refusing a double booking with CONFLICT', async () => {
    const { store } = stack.sandbox;
    const type = store.appointmentTypes.find((item) => item.is_active)!;
    const input = `patientId: "${store.patients[50]!.id}", clinicianId: "${store.clinicians[0]!.id}",
      appointmentTypeId: "${type.id}", isRemote: true`;
    const booked = await stack.query<{
      createAppointment: Record<string, unknown> & { id: string };
    }>(
      `mutation { createAppointment(input: { ${input}, startTime: "2027-06-01T09:00:00Z" }) {
        id status startTime endTime durationMinutes bookingSource location { id } } }`,
    );
    const clash = await stack.query(
      `mutation { createAppointment(input: { ${input}, startTime: "2027-06-01T09:05:00Z" }) { id } }`,
    );
    const id = booked.body.data?.createAppointment.id;
    const moved = await stack.query<{ updateAppointment: Record<string, unknown> }>(
      `mutation { updateAppointment(id: "${id}", input: { startTime: "2027-06-01T11:00:00+01:00" }) { startTime } }`,
    );
    const cancelled = await stack.query<{ cancelAppointment: Record<string, unknown> }>(
      `mutation { cancelAppointment(id: "${id}", reason: "Patient unwell") { status cancellationReason } }`,
    );
    const again = await stack.query(
      `mutation { cancelAppointment(id: "${id}", reason: "Twice") { status } }`,
    );

    expect(booked.body.errors).toBeUndefined();
    expect(booked.body.data?.createAppointment).toMatchObject({
      status: 'CONFIRMED',
      startTime: '2027-06-01T09:00:00.000Z',
      durationMinutes: type.duration_minutes,
      bookingSource: 'api',
      location: null,
    });
    expect(clash.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      upstreamStatus: 409,
    });
    expect(moved.body.data?.updateAppointment).toEqual({ startTime: '2027-06-01T10:00:00.000Z' });
    expect(cancelled.body.data?.cancelAppointment).toEqual({
      status: 'CANCELLED',
      cancellationReason: 'Patient unwell',
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('refuses an in-person booking without a location, and a blank reason, before calling Jump', async () => {
    const { store } = stack.sandbox;
    await expectRefusedLocally(
      `mutation { createAppointment(input: { patientId: "${store.patients[1]!.id}",
        clinicianId: "${store.clinicians[0]!.id}", appointmentTypeId: "${store.appointmentTypes[0]!.id}",
        startTime: "2027-06-02T09:00:00Z" }) { id } }`,
      'input.locationId',
    );
    await expectRefusedLocally(
      `mutation { cancelAppointment(id: "${store.appointments[0]!.id}", reason: "  ") { id } }`,
      'reason',
    );
  });

  it('passes Jump’s 400 for an unknown clinician through as BAD_USER_INPUT', async () => {
    const { store } = stack.sandbox;
    const { body } = await stack.query(`mutation { createAppointment(input: {
      patientId: "${store.patients[1]!.id}", clinicianId: "cli_nobody",
      appointmentTypeId: "${store.appointmentTypes[0]!.id}", startTime: "2027-06-02T09:00:00Z", isRemote: true }) { id } }`);

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      upstreamStatus: 400,
    });
  });
});

describe('documents', () => {
  it('lists by type and serves a download link that really downloads the file', async () => {
    const document = stack.sandbox.store.documents[0]!;
    const { body } = await stack.query<{
      documents: Nodes<{
        id: string;
        documentType: string;
        download: { url: string; expiresAt: string };
      }>;
    }>(
      `query ($p: ID, $t: String) { documents(patientId: $p, documentType: $t) {
        totalCount nodes { id documentType download { url expiresAt } } } }`,
      { variables: { p: document.patient_id, t: document.document_type } },
    );
    const node = body.data?.documents.nodes.find((item) => item.id === document.id);
    const file = await fetch(node!.download.url);

    expect(body.errors).toBeUndefined();
    expect(
      body.data?.documents.nodes.every((item) => item.documentType === document.document_type),
    ).toBe(true);
    expect(Date.parse(node!.download.expiresAt)).toBeGreaterThan(Date.now());
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain(document.mime_type);
  });

  it('creates a document record and refuses a file name with a path before calling Jump', async () => {
    const patientId = stack.sandbox.store.patients[60]!.id;
    const { body } = await stack.query<{ createDocument: Record<string, unknown> }>(`mutation {
      createDocument(input: { patientId: "${patientId}", documentType: "clinic_letter", title: "Clinic letter",
        fileName: "letter.pdf", mimeType: "application/pdf", fileSize: 2048 }) { title fileName mimeType fileSize patient { id } } }`);

    expect(body.errors).toBeUndefined();
    expect(body.data?.createDocument).toEqual({
      title: 'Clinic letter',
      fileName: 'letter.pdf',
      mimeType: 'application/pdf',
      fileSize: 2048,
      patient: { id: patientId },
    });
    await expectRefusedLocally(
      `mutation { createDocument(input: { patientId: "${patientId}", documentType: "other", title: "T",
        fileName: "../../etc/passwd", mimeType: "text/plain" }) { id } }`,
      'input.fileName',
    );
  });
});

describe('prescriptions', () => {
  it('lists active prescriptions with their prescriber', async () => {
    const prescription = stack.sandbox.store.prescriptions.find(
      (item) => item.status === 'active',
    )!;
    const { body } = await stack.query<{
      prescriptions: Nodes<{ id: string; status: string; prescriber: { id: string } | null }>;
    }>(
      `query ($p: ID) { prescriptions(patientId: $p, status: ACTIVE) { nodes { id status prescriber { id } } } }`,
      { variables: { p: prescription.patient_id } },
    );

    expect(body.errors).toBeUndefined();
    expect(body.data?.prescriptions.nodes.map((node) => node.id)).toContain(prescription.id);
    expect(body.data?.prescriptions.nodes.every((node) => node.status === 'ACTIVE')).toBe(true);
  });

  it('prescribes, then stops a prescription', async () => {
    const patientId = stack.sandbox.store.patients[70]!.id;
    const created = await stack.query<{
      createPrescription: { id: string; displayName: string; status: string };
    }>(
      `mutation { createPrescription(input: { patientId: "${patientId}", medicationName: "Amlodipine",
        dosage: "5", dosageUnit: "mg", frequency: "once daily", route: "oral", quantity: 28, refills: 2,
        startDate: "2026-01-10" }) { id displayName status } }`,
    );
    const id = created.body.data?.createPrescription.id;
    const stopped = await stack.query<{ updatePrescription: Record<string, unknown> }>(
      `mutation { updatePrescription(id: "${id}", input: { status: STOPPED, endDate: "2026-02-01" }) { status endDate } }`,
    );

    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createPrescription).toMatchObject({
      displayName: 'Amlodipine 5mg',
      status: 'ACTIVE',
    });
    expect(stopped.body.data?.updatePrescription).toEqual({
      status: 'STOPPED',
      endDate: '2026-02-01',
    });
  });

  it('refuses a negative quantity and a missing dosage before calling Jump', async () => {
    const patientId = stack.sandbox.store.patients[70]!.id;
    await expectRefusedLocally(
      `mutation { createPrescription(input: { patientId: "${patientId}", medicationName: "A", dosage: "5",
        dosageUnit: "mg", frequency: "daily", quantity: -1 }) { id } }`,
      'input.quantity',
    );
    await expectRefusedLocally(
      `mutation { createPrescription(input: { patientId: "${patientId}", medicationName: "A", dosage: "",
        dosageUnit: "mg", frequency: "daily" }) { id } }`,
      'input.dosage',
    );
  });
});

describe('patient archiving', () => {
  it('archives and restores a patient; the record is never deleted', async () => {
    const id = stack.sandbox.store.patients[80]!.id;
    const archived = await stack.query<{ archivePatient: Record<string, unknown> }>(
      `mutation { archivePatient(id: "${id}", reason: "Moved away") { isArchived archiveReason } }`,
    );
    const restored = await stack.query<{ unarchivePatient: Record<string, unknown> }>(
      `mutation { unarchivePatient(id: "${id}") { isArchived archiveReason } }`,
    );

    expect(archived.body.data?.archivePatient).toEqual({
      isArchived: true,
      archiveReason: 'Moved away',
    });
    expect(restored.body.data?.unarchivePatient).toEqual({
      isArchived: false,
      archiveReason: null,
    });
  });
});
