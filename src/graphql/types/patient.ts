import { compactNhsNumber, isValidNhsNumber } from '../../domain/nhs-number.js';
import { builder } from '../builder.js';
import { pageArgDescriptions, readPageArgs, toPage } from '../connection.js';
import { badUserInput } from '../errors.js';
import { checkId, checkSearch } from '../ids.js';
import { refuseNull, requireText, toJumpBody } from '../inputs.js';
import type { Context } from '../context.js';
import { asRecord, firstText, object, text } from '../records.js';
import type { JumpRecord } from '../records.js';
import { listConsultations } from './consultation.js';
import { ConsultationConnection, PatientConnection, PatientRef } from './refs.js';

const GENDERS = {
  male: 'male',
  man: 'male',
  female: 'female',
  woman: 'female',
  other: 'other',
} as const;

export const Gender = builder.enumType('Gender', {
  description:
    'Gender as Jump records it. The OLDER API sends male/female/other; the NEWER identity values ' +
    'man/woman map to MALE/FEMALE. Anything else reads as null here and raw in `genderRaw`.',
  values: {
    MALE: { value: 'male' },
    FEMALE: { value: 'female' },
    OTHER: { value: 'other' },
  } as const,
});

builder.objectType(PatientRef, {
  description: 'A patient record in Jump. Patients are never deleted.',
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'Jump’s id, unchanged.', resolve: (r) => r.id }),
    firstName: t.string({ resolve: text('first_name') }),
    lastName: t.string({ resolve: text('last_name') }),
    dateOfBirth: t.field({ type: 'Date', resolve: text('date_of_birth') }),
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
      type: Gender,
      resolve: (patient, _args, context) =>
        context.enumDrift.read('Patient', patient, 'gender', GENDERS),
    }),
    genderRaw: t.string({
      description: 'The gender value exactly as Jump sent it.',
      resolve: text('gender'),
    }),
    customFields: t.field({ type: 'JSONObject', resolve: object('custom_fields') }),
    createdAt: t.field({ type: 'DateTime', resolve: text('created_at') }),
    updatedAt: t.field({ type: 'DateTime', resolve: text('updated_at') }),
    consultations: t.field({
      type: ConsultationConnection,
      requiresScope: 'read_consultations',
      description: 'This patient’s consultations, newest first.',
      args: {
        first: t.arg.int({ description: pageArgDescriptions.first }),
        after: t.arg.string({ description: pageArgDescriptions.after }),
      },
      resolve: (patient, args, context) =>
        listConsultations(context, { ...readPageArgs(args), patient_id: patient.id }),
    }),
  }),
});

builder.queryFields((t) => ({
  patient: t.field({
    type: PatientRef,
    requiresScope: 'read_patients',
    description: 'One patient by Jump id; null with a NOT_FOUND error when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, context) => context.loaders.patient.load(checkId(String(args.id), 'id')),
  }),
  patients: t.field({
    type: PatientConnection,
    requiresScope: 'read_patients',
    description: 'Patients in Jump’s order, optionally filtered by name or NHS number.',
    args: {
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
      search: t.arg.string({ description: 'Matches first or last name, or NHS number.' }),
    },
    resolve: async (_root, args, context) => {
      const query = { ...readPageArgs(args), search: checkSearch(args.search, 'search') };
      const page = toPage(await context.jump.read({ route: '/patients', query }), query);
      for (const record of page.records) {
        context.loaders.patient.prime(record.id, record);
      }

      return page;
    },
  }),
}));

const PatientFields = {
  nhsNumber: 'Ten digits, spaces allowed; the check digit is verified before Jump is called.',
  postcode: 'A UK postcode.',
};

const CreatePatientInput = builder.inputType('CreatePatientInput', {
  description: 'Jump’s patient create body. First and last name and date of birth are required.',
  fields: (t) => ({
    firstName: t.string({ required: true }),
    lastName: t.string({ required: true }),
    dateOfBirth: t.field({ type: 'Date', required: true }),
    nhsNumber: t.string({ description: PatientFields.nhsNumber }),
    email: t.string(),
    phone: t.string(),
    addressLine1: t.string(),
    addressLine2: t.string(),
    city: t.string(),
    postcode: t.string({ description: PatientFields.postcode }),
    country: t.string({ description: 'Jump defaults it to United Kingdom.' }),
    gender: t.field({ type: Gender }),
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
    nhsNumber: t.string({ description: PatientFields.nhsNumber }),
    email: t.string(),
    phone: t.string(),
    addressLine1: t.string(),
    addressLine2: t.string(),
    city: t.string(),
    postcode: t.string({ description: PatientFields.postcode }),
    country: t.string(),
    gender: t.field({ type: Gender }),
    customFields: t.field({ type: 'JSONObject' }),
  }),
});

interface PatientInput {
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
  nhsNumber?: string | null;
}

/** The rules that are certain, checked so a bad write never costs an upstream call. */
function checkPatientInput(input: PatientInput, prefix: string, creating: boolean): void {
  if (creating || input.firstName !== undefined) {
    requireText(input.firstName, `${prefix}.firstName`);
  }
  if (creating || input.lastName !== undefined) {
    requireText(input.lastName, `${prefix}.lastName`);
  }
  if (input.dateOfBirth && input.dateOfBirth > new Date().toISOString().slice(0, 10)) {
    throw badUserInput(`${prefix}.dateOfBirth must not be in the future`, `${prefix}.dateOfBirth`);
  }
  if (input.nhsNumber !== undefined && input.nhsNumber !== null) {
    if (!isValidNhsNumber(input.nhsNumber)) {
      throw badUserInput(
        `${prefix}.nhsNumber must be 10 digits ending in a valid modulus-11 check digit`,
        `${prefix}.nhsNumber`,
      );
    }
    input.nhsNumber = compactNhsNumber(input.nhsNumber);
  }
}

function remember(context: Context, record: JumpRecord): JumpRecord {
  context.loaders.patient.clear(record.id).prime(record.id, record);

  return record;
}

builder.mutationFields((t) => ({
  createPatient: t.field({
    type: PatientRef,
    requiresScope: 'write_patients',
    description: 'Creates a patient. Search first: Jump does not refuse duplicates.',
    args: { input: t.arg({ type: CreatePatientInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      checkPatientInput(input, 'input', true);
      const result = await context.jump.write('POST', { route: '/patients' }, toJumpBody(input));

      return remember(context, asRecord(result));
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
    resolve: async (_root, { id, input }, context) => {
      refuseNull(input, ['firstName', 'lastName', 'dateOfBirth'], 'input');
      checkPatientInput(input, 'input', false);
      if (Object.values(input).every((value) => value === undefined)) {
        throw badUserInput('input must change at least one field', 'input');
      }
      const params = { id: checkId(String(id), 'id') };
      const result = await context.jump.write(
        'PATCH',
        { route: '/patients/{id}', params },
        toJumpBody(input),
      );

      return remember(context, asRecord(result));
    },
  }),
}));
