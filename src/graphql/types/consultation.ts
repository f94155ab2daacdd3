import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import { checkId, checkOptionalId } from '../ids.js';
import { SNOMED_CODE, checkPattern, requireText, toJumpBody } from '../inputs.js';
import { listPage } from '../lists.js';
import { date, text } from '../records.js';
import { addReference, addTimestamps } from '../references.js';
import { addItemQuery, writeRecord } from '../root-fields.js';
import { ConsultationConnection, ConsultationRef, PatientRef } from './refs.js';

builder.objectType(ConsultationRef, {
  description: 'A clinical consultation. Type, medium and setting codes are SNOMED CT concept ids.',
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'Jump’s id, unchanged.', resolve: (r) => r.id }),
    clinicianId: t.id({ resolve: text('clinician_id') }),
    locationId: t.id({
      description: 'Null for remote consultations.',
      resolve: text('location_id'),
    }),
    consultationDate: t.field({ type: 'Date', resolve: date('consultation_date') }),
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
  }),
});

addReference(ConsultationRef, {
  field: 'patient',
  key: 'patient_id',
  target: PatientRef,
  resource: 'patient',
  scope: 'read_patients',
  description: 'The patient, fetched in one batch with every other patient in the operation.',
});
addTimestamps(ConsultationRef);
addItemQuery('consultation', ConsultationRef, 'consultation', 'read_consultations', 'consultation');

builder.queryField('consultations', (t) =>
  t.field({
    type: ConsultationConnection,
    requiresScope: 'read_consultations',
    description: 'Consultations, newest first, optionally for one patient.',
    args: {
      patientId: t.arg.id(),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, context) =>
      listPage(context, 'consultation', args, {
        patient_id: checkOptionalId(args.patientId, 'patientId'),
      }),
  }),
);

builder.objectField(PatientRef, 'consultations', (t) =>
  t.field({
    type: ConsultationConnection,
    requiresScope: 'read_consultations',
    description: 'This patient’s consultations, newest first.',
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (patient, args, context) =>
      listPage(context, 'consultation', args, { patient_id: patient.id }),
  }),
);

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

const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

builder.mutationField('createConsultation', (t) =>
  t.field({
    type: ConsultationRef,
    requiresScope: 'write_consultations',
    description: 'Records a consultation for a patient.',
    args: { input: t.arg({ type: CreateConsultationInput, required: true }) },
    resolve: (_root, { input }, context) => {
      const ids = {
        patientId: checkId(String(input.patientId), 'input.patientId'),
        appointmentId: checkOptionalId(input.appointmentId, 'input.appointmentId'),
        clinicianId: checkOptionalId(input.clinicianId, 'input.clinicianId'),
        locationId: checkOptionalId(input.locationId, 'input.locationId'),
      };
      checkPattern(
        input.consultationTime,
        TIME,
        'input.consultationTime',
        'HH:MM or HH:MM:SS (24-hour)',
      );
      checkPattern(
        input.consultationTypeCode,
        SNOMED_CODE,
        'input.consultationTypeCode',
        'a SNOMED CT concept id (6 to 18 digits)',
      );
      if (input.consultationTypeDisplay !== undefined && input.consultationTypeDisplay !== null) {
        requireText(input.consultationTypeDisplay, 'input.consultationTypeDisplay', 200);
      }
      const body = toJumpBody({ ...input, ...ids });

      return writeRecord(context, 'consultation', 'POST', { route: '/consultations' }, body);
    },
  }),
);
