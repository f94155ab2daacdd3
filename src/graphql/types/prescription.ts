import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import { driftEnum } from '../drift-enum.js';
import { badUserInput } from '../errors.js';
import { checkId, checkOptionalId } from '../ids.js';
import { checkCount, checkOrder, requireText, toJumpBody } from '../inputs.js';
import { listPage } from '../lists.js';
import { date, integer, text } from '../records.js';
import { addReference, addTimestamps } from '../references.js';
import { addItemQuery, writeRecord } from '../root-fields.js';
import { ClinicianRef, PatientRef, PrescriptionConnection, PrescriptionRef } from './refs.js';

export const PrescriptionStatus = driftEnum(
  'PrescriptionStatus',
  ['active', 'stopped', 'completed'],
  'Whether a prescription is current.',
);

builder.objectType(PrescriptionRef, {
  description: 'A medication prescribed to a patient.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    displayName: t.string({
      description: 'E.g. "Metformin 500mg".',
      resolve: text('display_name'),
    }),
    medicationName: t.string({ resolve: text('medication_name') }),
    dosage: t.string({ description: 'Amount per dose, e.g. "500".', resolve: text('dosage') }),
    dosageUnit: t.string({ description: 'E.g. "mg".', resolve: text('dosage_unit') }),
    frequency: t.string({ description: 'E.g. "twice daily".', resolve: text('frequency') }),
    route: t.string({ description: 'E.g. "oral".', resolve: text('route') }),
    quantity: t.int({ resolve: integer('quantity') }),
    refills: t.int({ resolve: integer('refills') }),
    startDate: t.field({ type: 'Date', resolve: date('start_date') }),
    endDate: t.field({ type: 'Date', resolve: date('end_date') }),
    status: t.field({
      type: PrescriptionStatus.ref,
      resolve: (record, _args, context) =>
        context.enumDrift.read('Prescription', record, 'status', PrescriptionStatus.known),
    }),
    statusRaw: t.string({ resolve: text('status') }),
    instructions: t.string({ resolve: text('instructions') }),
    notes: t.string({ resolve: text('notes') }),
  }),
});

addReference(PrescriptionRef, {
  field: 'patient',
  key: 'patient_id',
  target: PatientRef,
  resource: 'patient',
  scope: 'read_patients',
});
addReference(PrescriptionRef, {
  field: 'prescriber',
  key: 'prescriber_id',
  target: ClinicianRef,
  resource: 'clinician',
  scope: 'read_clinicians',
  description: 'The prescribing clinician.',
});
addTimestamps(PrescriptionRef);
addItemQuery('prescription', PrescriptionRef, 'prescription', 'read_prescriptions', 'prescription');

builder.queryField('prescriptions', (t) =>
  t.field({
    type: PrescriptionConnection,
    requiresScope: 'read_prescriptions',
    description: 'Prescriptions, optionally for one patient and of one status.',
    args: {
      patientId: t.arg.id(),
      status: t.arg({ type: PrescriptionStatus.ref }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, context) =>
      listPage(context, 'prescription', args, {
        patient_id: checkOptionalId(args.patientId, 'patientId'),
        status: args.status,
      }),
  }),
);

builder.objectField(PatientRef, 'prescriptions', (t) =>
  t.field({
    type: PrescriptionConnection,
    requiresScope: 'read_prescriptions',
    description: 'This patient’s prescriptions.',
    args: {
      status: t.arg({ type: PrescriptionStatus.ref }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (patient, args, context) =>
      listPage(context, 'prescription', args, { patient_id: patient.id, status: args.status }),
  }),
);

const prescriptionFields = {
  route: 'E.g. oral, inhaled, topical, subcutaneous.',
  displayName: 'Jump defaults it to "<medication> <dosage><unit>".',
};

const CreatePrescriptionInput = builder.inputType('CreatePrescriptionInput', {
  description: 'A new prescription. Patient, medication, dosage, unit and frequency are required.',
  fields: (t) => ({
    patientId: t.id({ required: true }),
    prescriberId: t.id({ description: 'A clinician id.' }),
    medicationName: t.string({ required: true }),
    dosage: t.string({ required: true }),
    dosageUnit: t.string({ required: true }),
    frequency: t.string({ required: true }),
    displayName: t.string({ description: prescriptionFields.displayName }),
    route: t.string({ description: prescriptionFields.route }),
    quantity: t.int(),
    refills: t.int(),
    startDate: t.field({ type: 'Date' }),
    endDate: t.field({ type: 'Date' }),
    status: t.field({ type: PrescriptionStatus.ref, description: 'Jump defaults it to ACTIVE.' }),
    instructions: t.string(),
    notes: t.string(),
  }),
});

const UpdatePrescriptionInput = builder.inputType('UpdatePrescriptionInput', {
  description: 'Fields to change; omitted ones stay, optional ones set to null are cleared.',
  fields: (t) => ({
    prescriberId: t.id(),
    medicationName: t.string(),
    dosage: t.string(),
    dosageUnit: t.string(),
    frequency: t.string(),
    displayName: t.string(),
    route: t.string({ description: prescriptionFields.route }),
    quantity: t.int(),
    refills: t.int(),
    startDate: t.field({ type: 'Date' }),
    endDate: t.field({ type: 'Date' }),
    status: t.field({ type: PrescriptionStatus.ref }),
    instructions: t.string(),
    notes: t.string(),
  }),
});

interface PrescriptionInput {
  prescriberId?: string | number | null;
  medicationName?: string | null;
  dosage?: string | null;
  dosageUnit?: string | null;
  frequency?: string | null;
  quantity?: number | null;
  refills?: number | null;
  startDate?: string | null;
  endDate?: string | null;
}

const REQUIRED = ['medicationName', 'dosage', 'dosageUnit', 'frequency'] as const;

function checkPrescriptionInput(input: PrescriptionInput, creating: boolean): void {
  for (const field of REQUIRED) {
    if (creating || input[field] !== undefined) {
      requireText(input[field], `input.${field}`);
    }
  }
  checkCount(input.quantity, 'input.quantity');
  checkCount(input.refills, 'input.refills');
  checkOrder(input.startDate, input.endDate, 'input.endDate');
}

builder.mutationFields((t) => ({
  createPrescription: t.field({
    type: PrescriptionRef,
    requiresScope: 'write_prescriptions',
    description: 'Prescribes a medication to a patient.',
    args: { input: t.arg({ type: CreatePrescriptionInput, required: true }) },
    resolve: (_root, { input }, context) => {
      checkId(String(input.patientId), 'input.patientId');
      checkPrescriptionInput(input, true);
      const body = toJumpBody({
        ...input,
        patientId: String(input.patientId),
        prescriberId: checkOptionalId(input.prescriberId, 'input.prescriberId'),
      });

      return writeRecord(context, 'prescription', 'POST', { route: '/prescriptions' }, body);
    },
  }),
  updatePrescription: t.field({
    type: PrescriptionRef,
    requiresScope: 'write_prescriptions',
    description: 'Changes a prescription (PATCH: only the fields given), e.g. to stop it.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdatePrescriptionInput, required: true }),
    },
    resolve: (_root, { id, input }, context) => {
      checkPrescriptionInput(input, false);
      if (Object.values(input).every((value) => value === undefined)) {
        throw badUserInput('input must change at least one field', 'input');
      }
      const params = { id: checkId(String(id), 'id') };
      const body = toJumpBody({
        ...input,
        prescriberId: checkOptionalId(input.prescriberId, 'input.prescriberId'),
      });

      return writeRecord(
        context,
        'prescription',
        'PATCH',
        { route: '/prescriptions/{id}', params },
        body,
      );
    },
  }),
}));
