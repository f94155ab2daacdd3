import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import { driftEnum } from '../drift-enum.js';
import { badUserInput } from '../errors.js';
import { checkId, checkOptionalId } from '../ids.js';
import { checkOrder, requireText, toJumpBody } from '../inputs.js';
import { listPage } from '../lists.js';
import { flag, instant, integer, text } from '../records.js';
import { addReference, addTimestamps } from '../references.js';
import { addItemQuery, writeRecord } from '../root-fields.js';
import {
  AppointmentConnection,
  AppointmentRef,
  AppointmentTypeRef,
  ClinicianRef,
  ConsultationRef,
  LocationRef,
  PatientRef,
} from './refs.js';

export const AppointmentStatus = driftEnum(
  'AppointmentStatus',
  ['pending_approval', 'pending', 'confirmed', 'scheduled', 'cancelled', 'completed', 'no_show'],
  'Where an appointment is in its life.',
  { canceled: 'cancelled' },
);

builder.objectType(AppointmentRef, {
  description: 'A booked appointment. Times are instants in UTC.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    title: t.string({ resolve: text('title') }),
    description: t.string({ resolve: text('description') }),
    startTime: t.field({ type: 'DateTime', resolve: instant('start_time') }),
    endTime: t.field({ type: 'DateTime', resolve: instant('end_time') }),
    durationMinutes: t.int({
      resolve: (record) =>
        integer('duration_minutes')(record) ??
        minutesBetween(text('start_time')(record), text('end_time')(record)),
    }),
    status: t.field({
      type: AppointmentStatus.ref,
      resolve: (record, _args, context) =>
        context.enumDrift.read('Appointment', record, 'status', AppointmentStatus.known),
    }),
    statusRaw: t.string({ resolve: text('status') }),
    isRemote: t.boolean({
      description: 'A video or phone appointment.',
      resolve: flag('is_remote'),
    }),
    attendeeName: t.string({ resolve: text('attendee_name') }),
    attendeeEmail: t.string({ resolve: text('attendee_email') }),
    attendeePhone: t.string({ resolve: text('attendee_phone') }),
    notes: t.string({ resolve: text('notes') }),
    cancellationReason: t.string({ resolve: text('cancellation_reason') }),
    bookingSource: t.string({
      description: 'E.g. api, online, staff.',
      resolve: text('booking_source'),
    }),
  }),
});

function minutesBetween(start: string | null, end: string | null): number | null {
  const minutes = start && end ? (Date.parse(end) - Date.parse(start)) / 60_000 : NaN;

  return Number.isInteger(minutes) ? minutes : null;
}

addReference(AppointmentRef, {
  field: 'patient',
  key: 'patient_id',
  target: PatientRef,
  resource: 'patient',
  scope: 'read_patients',
});
addReference(AppointmentRef, {
  field: 'clinician',
  key: 'clinician_profile_id',
  target: ClinicianRef,
  resource: 'clinician',
  scope: 'read_clinicians',
});
addReference(AppointmentRef, {
  field: 'appointmentType',
  key: 'appointment_type_id',
  target: AppointmentTypeRef,
  resource: 'appointmentType',
  scope: 'read_appointment_types',
});
addReference(AppointmentRef, {
  field: 'location',
  key: 'location_id',
  target: LocationRef,
  resource: 'location',
  scope: 'read_locations',
  description: 'Null for remote appointments.',
});
addReference(ConsultationRef, {
  field: 'appointment',
  key: 'appointment_id',
  target: AppointmentRef,
  resource: 'appointment',
  scope: 'read_appointments',
  description: 'The appointment this consultation took place in, when it had one.',
});
addTimestamps(AppointmentRef);
addItemQuery('appointment', AppointmentRef, 'appointment', 'read_appointments', 'appointment');

interface AppointmentFilters {
  clinicianId?: string | number | null;
  status?: readonly string[] | null;
  startsAfter?: Date | null;
  startsBefore?: Date | null;
}

/** Jump's appointment filters: `status_in` for several statuses, `date_gte`/`date_lte` on start. */
function appointmentQuery(args: AppointmentFilters) {
  const statuses = args.status ?? [];

  return {
    clinician_id: checkOptionalId(args.clinicianId, 'clinicianId'),
    status: statuses.length === 1 ? statuses[0] : undefined,
    status_in: statuses.length > 1 ? statuses.join(',') : undefined,
    date_gte: args.startsAfter?.toISOString(),
    date_lte: args.startsBefore?.toISOString(),
  };
}

const filterDescriptions = {
  status: 'Any of these statuses.',
  startsAfter: 'Only appointments starting at or after this instant.',
  startsBefore: 'Only appointments starting at or before this instant.',
};

builder.queryField('appointments', (t) =>
  t.field({
    type: AppointmentConnection,
    requiresScope: 'read_appointments',
    description: 'Appointments by start time, filtered by patient, clinician, status and start.',
    args: {
      patientId: t.arg.id(),
      clinicianId: t.arg.id(),
      status: t.arg({ type: [AppointmentStatus.ref], description: filterDescriptions.status }),
      startsAfter: t.arg({ type: 'DateTime', description: filterDescriptions.startsAfter }),
      startsBefore: t.arg({ type: 'DateTime', description: filterDescriptions.startsBefore }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, context) =>
      listPage(context, 'appointment', args, {
        ...appointmentQuery(args),
        patient_id: checkOptionalId(args.patientId, 'patientId'),
      }),
  }),
);

builder.objectField(PatientRef, 'appointments', (t) =>
  t.field({
    type: AppointmentConnection,
    requiresScope: 'read_appointments',
    description: 'This patient’s appointments by start time.',
    args: {
      clinicianId: t.arg.id(),
      status: t.arg({ type: [AppointmentStatus.ref], description: filterDescriptions.status }),
      startsAfter: t.arg({ type: 'DateTime', description: filterDescriptions.startsAfter }),
      startsBefore: t.arg({ type: 'DateTime', description: filterDescriptions.startsBefore }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (patient, args, context) =>
      listPage(context, 'appointment', args, { ...appointmentQuery(args), patient_id: patient.id }),
  }),
);

const CreateAppointmentInput = builder.inputType('CreateAppointmentInput', {
  description: 'A new appointment. A location is required unless the appointment is remote.',
  fields: (t) => ({
    patientId: t.id({ required: true }),
    clinicianId: t.id({ required: true }),
    appointmentTypeId: t.id({ required: true }),
    startTime: t.field({ type: 'DateTime', required: true }),
    endTime: t.field({
      type: 'DateTime',
      description: 'Jump derives it from the type’s duration when omitted.',
    }),
    locationId: t.id(),
    isRemote: t.boolean(),
    title: t.string(),
    description: t.string(),
    attendeeName: t.string(),
    attendeeEmail: t.string(),
    attendeePhone: t.string(),
    notes: t.string(),
  }),
});

const UpdateAppointmentInput = builder.inputType('UpdateAppointmentInput', {
  description: 'Fields to change. Status changes go through cancelAppointment.',
  fields: (t) => ({
    startTime: t.field({ type: 'DateTime' }),
    endTime: t.field({ type: 'DateTime' }),
    locationId: t.id(),
    isRemote: t.boolean(),
    title: t.string(),
    description: t.string(),
    attendeeName: t.string(),
    attendeeEmail: t.string(),
    attendeePhone: t.string(),
    notes: t.string(),
  }),
});

type IdValue = string | number | null | undefined;

/** Jump names the clinician `clinician_profile_id` in appointment bodies. */
function appointmentBody(input: Record<string, unknown> & { clinicianId?: IdValue }) {
  const { clinicianId, ...rest } = input;
  const ids = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key,
      key.endsWith('Id') && typeof value === 'number' ? String(value) : value,
    ]),
  );

  return toJumpBody({
    ...ids,
    clinicianProfileId: clinicianId === undefined ? undefined : String(clinicianId),
  });
}

builder.mutationFields((t) => ({
  createAppointment: t.field({
    type: AppointmentRef,
    requiresScope: 'write_appointments',
    description: 'Books an appointment directly for a patient.',
    args: { input: t.arg({ type: CreateAppointmentInput, required: true }) },
    resolve: (_root, { input }, context) => {
      for (const field of ['patientId', 'clinicianId', 'appointmentTypeId'] as const) {
        checkId(String(input[field]), `input.${field}`);
      }
      if (!input.isRemote && !input.locationId) {
        throw badUserInput(
          'input.locationId is required unless isRemote is true',
          'input.locationId',
        );
      }
      checkOrder(input.startTime, input.endTime, 'input.endTime');

      return writeRecord(
        context,
        'appointment',
        'POST',
        { route: '/appointments' },
        appointmentBody(input),
      );
    },
  }),
  updateAppointment: t.field({
    type: AppointmentRef,
    requiresScope: 'write_appointments',
    description: 'Moves or edits an appointment (PATCH: only the fields given).',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: UpdateAppointmentInput, required: true }),
    },
    resolve: (_root, { id, input }, context) => {
      if (Object.values(input).every((value) => value === undefined)) {
        throw badUserInput('input must change at least one field', 'input');
      }
      checkOrder(input.startTime, input.endTime, 'input.endTime');
      const params = { id: checkId(String(id), 'id') };

      return writeRecord(
        context,
        'appointment',
        'PATCH',
        { route: '/appointments/{id}', params },
        appointmentBody(input),
      );
    },
  }),
  cancelAppointment: t.field({
    type: AppointmentRef,
    requiresScope: 'write_appointments',
    description: 'Cancels an appointment, recording why.',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_root, { id, reason }, context) => {
      requireText(reason, 'reason', 500);
      const params = { id: checkId(String(id), 'id') };

      return writeRecord(
        context,
        'appointment',
        'POST',
        { route: '/appointments/{id}/cancel', params },
        { cancellation_reason: reason },
      );
    },
  }),
}));
