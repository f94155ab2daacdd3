import { compactNhsNumber, isValidNhsNumber } from '../../domain/nhs-number.js';
import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import { driftEnum } from '../drift-enum.js';
import { badUserInput } from '../errors.js';
import { checkId, checkSearch } from '../ids.js';
import { refuseNull, requireText, toJumpBody } from '../inputs.js';
import { listPage } from '../lists.js';
import { MAX_JSON_DEPTH, date, firstText, instant, jsonDepth, object, text } from '../records.js';
import { addTimestamps } from '../references.js';
import { addItemQuery, writeRecord } from '../root-fields.js';
import { PatientConnection, PatientRef } from './refs.js';

export const Gender = driftEnum(
  'Gender',
  ['male', 'female', 'other'],
  'Gender as Jump records it: the OLDER API sends male/female/other, and the NEWER identity ' +
    'values man/woman map to MALE/FEMALE.',
  { man: 'male', woman: 'female' },
);

builder.objectType(PatientRef, {
  description: 'A patient record in Jump. Patients are never deleted; they can be archived.',
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'Jump’s id, unchanged.', resolve: (r) => r.id }),
    firstName: t.string({ resolve: text('first_name') }),
    lastName: t.string({ resolve: text('last_name') }),
    dateOfBirth: t.field({ type: 'Date', resolve: date('date_of_birth') }),
    nhsNumber: t.string({
      description: 'Ten digits without spaces, whichever way Jump formats it.',
      resolve: (patient) => {
        const value = text('nhs_number')(patient);

        return value === null ? null : compactNhsNumber(value);
      },
    }),
    email: t.string({ resolve: text('email') }),
    phone: t.string({ resolve: firstText('phone', 'mobile_phone') }),
    addressLine1: t.string({ resolve: text('address_line_1') }),
    addressLine2: t.string({ resolve: text('address_line_2') }),
    addressLine3: t.string({ resolve: text('address_line_3') }),
    city: t.string({
      description: 'Jump’s `city` (OLDER) or `town_city` (NEWER).',
      resolve: firstText('city', 'town_city'),
    }),
    postcode: t.string({ resolve: text('postcode') }),
    country: t.string({ resolve: text('country') }),
    gender: t.field({
      type: Gender.ref,
      resolve: (patient, _args, context) =>
        context.enumDrift.read('Patient', patient, 'gender', Gender.known),
    }),
    genderRaw: t.string({
      description: 'The gender value exactly as Jump sent it.',
      resolve: text('gender'),
    }),
    customFields: t.field({ type: 'JSONObject', resolve: object('custom_fields') }),
    isArchived: t.boolean({
      nullable: false,
      resolve: (patient) => text('archived_at')(patient) !== null,
    }),
    archivedAt: t.field({ type: 'DateTime', resolve: instant('archived_at') }),
    archiveReason: t.string({ resolve: text('archive_reason') }),
    archiveNotes: t.string({ resolve: text('archive_notes') }),
  }),
});

addTimestamps(PatientRef);
addItemQuery('patient', PatientRef, 'patient', 'read_patients', 'patient');

builder.queryField('patients', (t) =>
  t.field({
    type: PatientConnection,
    requiresScope: 'read_patients',
    description: 'Patients in Jump’s order, optionally filtered by name or NHS number.',
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
      search: t.arg.string({ description: 'Matches first or last name, or NHS number.' }),
    },
    resolve: (_root, args, context) =>
      listPage(context, 'patient', args, { search: checkSearch(args.search, 'search') }),
  }),
);

const NHS_NUMBER = 'Ten digits, spaces allowed; the check digit is verified before Jump is called.';

const CreatePatientInput = builder.inputType('CreatePatientInput', {
  description: 'Jump’s patient create body. First and last name and date of birth are required.',
  fields: (t) => ({
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    dateOfBirth: t.field({ type: 'Date', required: true }),
    nhsNumber: t.string({ description: NHS_NUMBER }),
    email: t.string(),
    phone: t.string(),
    addressLine1: t.string(),
    addressLine2: t.string(),
    city: t.string(),
    postcode: t.string({ description: 'A UK postcode.' }),
    country: t.string({ description: 'Jump defaults it to United Kingdom.' }),
    gender: t.field({ type: Gender.ref }),
    customFields: t.field({ type: 'JSONObject' }),
  }),
});

const UpdatePatientInput = builder.inputType('UpdatePatientInput', {
  description:
    'Fields to change. Omit a field to leave it as it is; set an optional one to null to clear it.',
  fields: (t) => ({
    firstName: t.string(),
    lastName: t.string(),
    dateOfBirth: t.field({ type: 'Date' }),
    nhsNumber: t.string({ description: NHS_NUMBER }),
    email: t.string(),
    phone: t.string(),
    addressLine1: t.string(),
    addressLine2: t.string(),
    city: t.string(),
    postcode: t.string({ description: 'A UK postcode.' }),
    country: t.string(),
    gender: t.field({ type: Gender.ref }),
    customFields: t.field({ type: 'JSONObject' }),
  }),
});

interface PatientInput {
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  nhsNumber?: string | null;
  customFields?: Record<string, unknown> | null;
}

/** The rules that are certain, checked so a bad write never costs an upstream call. */
function checkPatientInput(input: PatientInput, creating: boolean): void {
  if (creating || input.firstName !== undefined) {
    requireText(input.firstName, 'input.firstName');
  }
  if (creating || input.lastName !== undefined) {
    requireText(input.lastName, 'input.lastName');
  }
  if (input.dateOfBirth && input.dateOfBirth > new Date().toISOString().slice(0, 10)) {
    throw badUserInput('input.dateOfBirth must not be in the future', 'input.dateOfBirth');
  }
  if (input.nhsNumber !== undefined && input.nhsNumber !== null) {
    if (!isValidNhsNumber(input.nhsNumber)) {
      throw badUserInput(
        'input.nhsNumber must be 10 digits ending in a valid modulus-11 check digit',
        'input.nhsNumber',
      );
    }
    input.nhsNumber = compactNhsNumber(input.nhsNumber);
  }
  if (input.customFields && jsonDepth(input.customFields, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw badUserInput(
      `input.customFields must not nest deeper than ${MAX_JSON_DEPTH} levels`,
      'input.customFields',
    );
  }
}

builder.mutationFields((t) => ({
  createPatient: t.field({
    type: PatientRef,
    requiresScope: 'write_patients',
    description: 'Creates a patient. Search first: Jump does not refuse duplicates.',
    args: { input: t.arg({ type: CreatePatientInput, required: true }) },
    resolve: (_root, { input }, context) => {
      checkPatientInput(input, true);

      return writeRecord(context, 'patient', 'POST', { route: '/patients' }, toJumpBody(input));
    },
  }),
  updatePatient: t.field({
    type: PatientRef,
    requiresScope: 'write_patients',
    description: 'Changes a patient’s details (PATCH: only the fields given).',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdatePatientInput, required: true }),
    },
    resolve: (_root, { id, input }, context) => {
      refuseNull(input, ['firstName', 'lastName', 'dateOfBirth'], 'input');
      checkPatientInput(input, false);
      if (Object.values(input).every((value) => value === undefined)) {
        throw badUserInput('input must change at least one field', 'input');
      }
      const params = { id: checkId(String(id), 'id') };

      return writeRecord(
        context,
        'patient',
        'PATCH',
        { route: '/patients/{id}', params },
        toJumpBody(input),
      );
    },
  }),
  archivePatient: t.field({
    type: PatientRef,
    requiresScope: 'write_patients',
    description:
      'Archives a patient (Jump never deletes patients): the record stays, marked with why.',
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, description: 'E.g. "Moved away".' }),
      notes: t.arg.string(),
    },
    resolve: (_root, args, context) => {
      requireText(args.reason, 'reason', 200);
      const params = { id: checkId(String(args.id), 'id') };
      const body = {
        archived_at: new Date().toISOString(),
        archive_reason: args.reason,
        archive_notes: args.notes ?? null,
      };

      return writeRecord(context, 'patient', 'PATCH', { route: '/patients/{id}', params }, body);
    },
  }),
  unarchivePatient: t.field({
    type: PatientRef,
    requiresScope: 'write_patients',
    description: 'Restores an archived patient.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => {
      const params = { id: checkId(String(args.id), 'id') };
      const body = { archived_at: null, archive_reason: null, archive_notes: null };

      return writeRecord(context, 'patient', 'PATCH', { route: '/patients/{id}', params }, body);
    },
  }),
}));
