import { builder } from '../builder.js';
import { pageArgDescriptions, readPageArgs, toPage } from '../connection.js';
import type { Context } from '../context.js';
import { badUserInput } from '../errors.js';
import { checkId } from '../ids.js';
import { requireText, toJumpBody } from '../inputs.js';
import { asRecord, text } from '../records.js';
import { ConsultationConnection, ConsultationRef, PatientRef } from './refs.js';

builder.objectType(ConsultationRef, {
  description: 'A clinical consultation. Type, medium and setting codes are SNOMED CT concept ids.',
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'Jump’s id, unchanged.', resolve: (r) => r.id }),
    patientId: t.id({ resolve: text('patient_id') }),
    patient: t.field({
      type: PatientRef,
      requiresScope: 'read_patients',
      description: 'The patient, fetched in one batch with every other patient in the operation.',
      resolve: (consultation, _args, context) => {
        const patientId = text('patient_id')(consultation);

        return patientId === null ? null : context.loaders.patient.load(patientId);
      },
    }),
    clinicianId: t.id({ resolve: text('clinician_id') }),
    locationId: t.id({
      description: 'Null for remote consultations.',
      resolve: text('location_id'),
    }),
    appointmentId: t.id({ resolve: text('appointment_id') }),
    consultationDate: t.field({ type: 'Date', resolve: text('consultation_date') }),
    consultationTime: t.string({
      description: 'Local wall-clock time at the practice, `HH:MM:SS`.',
      resolve: text('consultation_time'),
    }),
    status: t.string({ resolve: text('status') }),
    consultationTypeCode: t.string({ resolve: text('consultation_type_code') }),
    consultationTypeDisplay: t.string({ resolve: text('consultation_type_display') }),
    consultationMediumCode: t.string({ resolve: text('consultation_medium_code') }),
    consultationMediumDisplay: t.string({ resolve: text('consultation_medium_display') }),
    consultationSetting: t.string({ resolve: text('consultation_setting') }),
    consultationSettingCode: t.string({ resolve: text('consultation_setting_code') }),
    chiefComplaint: t.string({ resolve: text('chief_complaint') }),
    summary: t.string({ resolve: text('summary') }),
    createdAt: t.field({ type: 'DateTime', resolve: text('created_at') }),
    updatedAt: t.field({ type: 'DateTime', resolve: text('updated_at') }),
  }),
});

type ListQuery = { limit: number; offset: number; patient_id?: string };

/** One page of consultations; every one listed is primed into the loader. */
export async function listConsultations(context: Context, query: ListQuery) {
  const result = await context.jump.read({ route: '/consultations', query });
  const page = toPage(result, query);
  for (const record of page.records) {
    context.loaders.consultation.prime(record.id, record);
  }

  return page;
}

builder.queryFields((t) => ({
  consultation: t.field({
    type: ConsultationRef,
    requiresScope: 'read_consultations',
    description: 'One consultation by Jump id; null with a NOT_FOUND error when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) =>
      context.loaders.consultation.load(checkId(String(args.id), 'id')),
  }),
  consultations: t.field({
    type: ConsultationConnection,
    requiresScope: 'read_consultations',
    description: 'Consultations, newest first, optionally for one patient.',
    args: {
      patientId: t.arg.id(),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, context) => {
      const patientId = args.patientId ? checkId(String(args.patientId), 'patientId') : undefined;

      return listConsultations(context, { ...readPageArgs(args), patient_id: patientId });
    },
  }),
}));

const CreateConsultationInput = builder.inputType('CreateConsultationInput', {
  description: 'Jump’s consultation create body (OLDER generation).',
  fields: (t) => ({
    patientId: t.id({ required: true }),
    consultationDate: t.field({ type: 'Date', required: true }),
    consultationTime: t.string({ description: 'Local time, `HH:MM` or `HH:MM:SS`.' }),
    appointmentId: t.id(),
    clinicianId: t.id(),
    locationId: t.id(),
    consultationTypeCode: t.string({ description: 'A SNOMED CT concept id (digits only).' }),
    consultationTypeDisplay: t.string(),
    chiefComplaint: t.string(),
    summary: t.string(),
  }),
});

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const SNOMED_PATTERN = /^\d{6,18}$/;

builder.mutationFields((t) => ({
  createConsultation: t.field({
    type: ConsultationRef,
    requiresScope: 'write_consultations',
    description: 'Records a consultation for a patient.',
    args: { input: t.arg({ type: CreateConsultationInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      checkConsultationInput(input);
      const body = toJumpBody({ ...input, patientId: String(input.patientId) });
      const result = await context.jump.write('POST', { route: '/consultations' }, body);
      const record = asRecord(result);
      context.loaders.consultation.prime(record.id, record);

      return record;
    },
  }),
}));

function checkConsultationInput(input: {
  patientId: string | number;
  consultationTime?: string | null;
  consultationTypeCode?: string | null;
  consultationTypeDisplay?: string | null;
}): void {
  checkId(String(input.patientId), 'input.patientId');
  if (input.consultationTime && !TIME_PATTERN.test(input.consultationTime)) {
    throw badUserInput(
      'input.consultationTime must be HH:MM or HH:MM:SS (24-hour)',
      'input.consultationTime',
    );
  }
  if (input.consultationTypeCode && !SNOMED_PATTERN.test(input.consultationTypeCode)) {
    throw badUserInput(
      'input.consultationTypeCode must be a SNOMED CT concept id (6 to 18 digits)',
      'input.consultationTypeCode',
    );
  }
  if (input.consultationTypeDisplay !== undefined && input.consultationTypeDisplay !== null) {
    requireText(input.consultationTypeDisplay, 'input.consultationTypeDisplay', 200);
  }
}
