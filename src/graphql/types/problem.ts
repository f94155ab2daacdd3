import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import { driftEnum } from '../drift-enum.js';
import { checkId, checkOptionalId } from '../ids.js';
import { SNOMED_CODE, checkOrder, checkPattern, requireText, toJumpBody } from '../inputs.js';
import { listPage } from '../lists.js';
import { date, text } from '../records.js';
import { addReference, addTimestamps } from '../references.js';
import { addItemQuery, writeRecord } from '../root-fields.js';
import { PatientRef, ProblemConnection, ProblemRef } from './refs.js';

export const ProblemStatus = driftEnum(
  'ProblemStatus',
  ['active', 'resolved', 'inactive'],
  'Whether a problem is current.',
);
export const ProblemSeverity = driftEnum(
  'ProblemSeverity',
  ['mild', 'moderate', 'severe'],
  'How severe a problem is.',
);

const ICD10_CODE = /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/;

builder.objectType(ProblemRef, {
  description: 'An entry in a patient’s problem list, coded in SNOMED CT and ICD-10.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    problemName: t.string({ resolve: text('problem_name') }),
    snomedCode: t.string({ description: 'SNOMED CT concept id.', resolve: text('snomed_code') }),
    icd10Code: t.string({ description: 'ICD-10 code, e.g. E11.', resolve: text('icd10_code') }),
    status: t.field({
      type: ProblemStatus.ref,
      resolve: (record, _args, context) =>
        context.enumDrift.read('Problem', record, 'status', ProblemStatus.known),
    }),
    statusRaw: t.string({ resolve: text('status') }),
    severity: t.field({
      type: ProblemSeverity.ref,
      resolve: (record, _args, context) =>
        context.enumDrift.read('Problem', record, 'severity', ProblemSeverity.known),
    }),
    severityRaw: t.string({ resolve: text('severity') }),
    onsetDate: t.field({ type: 'Date', resolve: date('onset_date') }),
    endDate: t.field({
      type: 'Date',
      description: 'Null while ongoing.',
      resolve: date('end_date'),
    }),
    notes: t.string({ resolve: text('notes') }),
  }),
});

addReference(ProblemRef, {
  field: 'patient',
  key: 'patient_id',
  target: PatientRef,
  resource: 'patient',
  scope: 'read_patients',
});
addTimestamps(ProblemRef);
addItemQuery('problem', ProblemRef, 'problem', 'read_problems', 'problem');

builder.queryField('problems', (t) =>
  t.field({
    type: ProblemConnection,
    requiresScope: 'read_problems',
    description: 'Problems, optionally for one patient and of one status.',
    args: {
      patientId: t.arg.id(),
      status: t.arg({ type: ProblemStatus.ref }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, context) =>
      listPage(context, 'problem', args, {
        patient_id: checkOptionalId(args.patientId, 'patientId'),
        status: args.status,
      }),
  }),
);

builder.objectField(PatientRef, 'problems', (t) =>
  t.field({
    type: ProblemConnection,
    requiresScope: 'read_problems',
    description: 'This patient’s problem list.',
    args: {
      status: t.arg({ type: ProblemStatus.ref }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (patient, args, context) =>
      listPage(context, 'problem', args, { patient_id: patient.id, status: args.status }),
  }),
);

const CreateProblemInput = builder.inputType('CreateProblemInput', {
  description: 'A new problem-list entry. Patient and problem name are required.',
  fields: (t) => ({
    patientId: t.id({ required: true }),
    problemName: t.string({ required: true }),
    snomedCode: t.string({ description: 'SNOMED CT concept id (6 to 18 digits).' }),
    icd10Code: t.string({ description: 'ICD-10 code, e.g. E11 or E03.9.' }),
    status: t.field({ type: ProblemStatus.ref, description: 'Jump defaults it to ACTIVE.' }),
    severity: t.field({ type: ProblemSeverity.ref }),
    onsetDate: t.field({ type: 'Date' }),
    endDate: t.field({ type: 'Date' }),
    notes: t.string(),
  }),
});

builder.mutationField('createProblem', (t) =>
  t.field({
    type: ProblemRef,
    requiresScope: 'write_problems',
    description: 'Adds a problem to a patient’s problem list.',
    args: { input: t.arg({ type: CreateProblemInput, required: true }) },
    resolve: (_root, { input }, context) => {
      checkId(String(input.patientId), 'input.patientId');
      requireText(input.problemName, 'input.problemName', 200);
      checkPattern(input.snomedCode, SNOMED_CODE, 'input.snomedCode', 'a SNOMED CT concept id');
      checkPattern(input.icd10Code, ICD10_CODE, 'input.icd10Code', 'an ICD-10 code such as E11');
      checkOrder(input.onsetDate, input.endDate, 'input.endDate');
      const body = toJumpBody({ ...input, patientId: String(input.patientId) });

      return writeRecord(context, 'problem', 'POST', { route: '/problems' }, body);
    },
  }),
);
