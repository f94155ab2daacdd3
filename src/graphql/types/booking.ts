import { GraphQLError } from 'graphql';
import { isAmbiguousLocalTime, isTimeZone, toLocalTime } from '../../domain/time-zone.js';
import { JumpError } from '../../upstream/jump-error.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { driftEnum } from '../drift-enum.js';
import { badUserInput, toGraphQLError } from '../errors.js';
import { checkId, checkOptionalId } from '../ids.js';
import { checkOrder, toJumpBody } from '../inputs.js';
import { asRecord, flag, instant, text } from '../records.js';
import type { JumpRecord } from '../records.js';
import { addReference, addTimestamps } from '../references.js';
import { writeRecord } from '../root-fields.js';
import {
  AppointmentRef,
  AppointmentTypeRef,
  ClinicianRef,
  LocationRef,
  PatientRef,
} from './refs.js';
import type { RecordRef } from './refs.js';

const SlotRef = builder.objectRef<JumpRecord>('Slot');
const HoldRef = builder.objectRef<JumpRecord>('Hold');

export const HoldStatus = driftEnum(
  'HoldStatus',
  ['active', 'confirmed', 'expired', 'released'],
  'Where a hold is in its 15-minute life.',
);

/** The zone a location's local times are in; the practice's when Jump does not say. */
async function zoneOf(context: Context, record: JumpRecord): Promise<string> {
  const locationId = text('location_id')(record);
  if (locationId === null) {
    return context.practiceTimeZone;
  }

  try {
    const location = await context.loaders.load('location', checkId(locationId, 'location_id'));
    const zone = text('timezone')(location);

    return zone && isTimeZone(zone) ? zone : context.practiceTimeZone;
  } catch (error) {
    // A key without read_locations cannot learn the zone; the practice's is then the documented
    // answer. Any other failure is passed on, rather than guessing a wall-clock time.
    if (error instanceof JumpError && (error.status === 403 || error.status === 404)) {
      return context.practiceTimeZone;
    }
    throw toGraphQLError(error, 'read_locations');
  }
}

/** The same times on the location's wall clock as the UTC `startTime`/`endTime`, zone named. */
export function addLocalTimes(ref: RecordRef): void {
  const local = (key: string) => async (record: JumpRecord, context: Context) => {
    const value = instant(key)(record);

    return value === null ? null : toLocalTime(new Date(value), await zoneOf(context, record));
  };

  builder.objectFields(ref, (t) => ({
    timeZone: t.string({
      nullable: false,
      description: 'The IANA zone of the `local…` fields: the location’s, or the practice’s.',
      resolve: (record, _args, context) => zoneOf(context, record),
    }),
    localDate: t.field({
      type: 'Date',
      description: 'The calendar date at the location.',
      resolve: async (record, _args, context) =>
        (await local('start_time')(record, context))?.date ?? null,
    }),
    localStartTime: t.string({
      description: 'The start on the location’s wall clock, `HH:MM`.',
      resolve: async (record, _args, context) =>
        (await local('start_time')(record, context))?.time ?? null,
    }),
    localEndTime: t.string({
      resolve: async (record, _args, context) =>
        (await local('end_time')(record, context))?.time ?? null,
    }),
  }));
}

/** UTC instants and the remote flag of a slot or hold. */
function addInstants(ref: RecordRef): void {
  builder.objectFields(ref, (t) => ({
    startTime: t.field({
      type: 'DateTime',
      description: 'The start as an instant, in UTC.',
      resolve: instant('start_time'),
    }),
    endTime: t.field({ type: 'DateTime', resolve: instant('end_time') }),
    isRemote: t.boolean({
      resolve: (record) => flag('is_remote')(record) ?? text('location_id')(record) === null,
    }),
  }));
}

function addBookingReferences(ref: RecordRef): void {
  addReference(ref, {
    field: 'clinician',
    key: 'clinician_id',
    target: ClinicianRef,
    resource: 'clinician',
    scope: 'read_clinicians',
  });
  addReference(ref, {
    field: 'location',
    key: 'location_id',
    target: LocationRef,
    resource: 'location',
    scope: 'read_locations',
    description: 'Null for remote (video) slots.',
  });
  addReference(ref, {
    field: 'appointmentType',
    key: 'appointment_type_id',
    target: AppointmentTypeRef,
    resource: 'appointmentType',
    scope: 'read_appointment_types',
  });
}

builder.objectType(SlotRef, {
  description:
    'A free slot. `startTime`/`endTime` are UTC instants; `localDate`/`localStartTime` are the ' +
    'same moment on the wall clock of `timeZone`. Pass `id` to createHold.',
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description: 'Stable for the same type, clinician, location and start.',
      resolve: (slot) => slot.id,
    }),
    clinicianName: t.string({ resolve: text('clinician_name') }),
    locationName: t.string({ resolve: text('location_name') }),
  }),
});
addInstants(SlotRef);
addLocalTimes(SlotRef);
addBookingReferences(SlotRef);

builder.objectType(HoldRef, {
  description: 'A slot reserved for 15 minutes while the patient’s details are collected.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (hold) => hold.id }),
    status: t.field({
      type: HoldStatus.ref,
      resolve: (hold, _args, context) =>
        context.enumDrift.read('Hold', hold, 'status', HoldStatus.known),
    }),
    statusRaw: t.string({ resolve: text('status') }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When the slot is released unless the hold is confirmed.',
      resolve: instant('expires_at'),
    }),
  }),
});
addInstants(HoldRef);
addLocalTimes(HoldRef);
addBookingReferences(HoldRef);
addLocalTimes(AppointmentRef);
addTimestamps(HoldRef);
addReference(HoldRef, {
  field: 'appointment',
  key: 'appointment_id',
  target: AppointmentRef,
  resource: 'appointment',
  scope: 'read_appointments',
  description: 'The appointment the hold became, once confirmed.',
});
addReference(HoldRef, {
  field: 'patient',
  key: 'patient_id',
  target: PatientRef,
  resource: 'patient',
  scope: 'read_patients',
});

interface SlotKey {
  appointmentTypeId: string;
  clinicianId: string;
  locationId: string | null;
  startTime: string;
}

function encodeSlotId(key: SlotKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeSlotId(id: string): SlotKey {
  try {
    const key = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as SlotKey;
    if (
      typeof key.appointmentTypeId === 'string' &&
      typeof key.clinicianId === 'string' &&
      (key.locationId === null || typeof key.locationId === 'string') &&
      typeof key.startTime === 'string' &&
      instant('startTime')({ id: '', startTime: key.startTime }) !== null
    ) {
      return key;
    }
  } catch {
    // fall through to the refusal below
  }

  throw badUserInput('slotId is not a slot id this API issued', 'input.slotId');
}

/** Reads OLDER (an array) and NEWER (`{slots: [...]}`) availability answers alike. */
function toSlots(data: unknown, appointmentTypeId: string): JumpRecord[] {
  const items = Array.isArray(data)
    ? data
    : Array.isArray((data as { slots?: unknown } | null)?.slots)
      ? (data as { slots: unknown[] }).slots
      : null;
  if (items === null) {
    throw new JumpError({
      kind: 'invalid_response',
      status: 200,
      code: 'invalid_response',
      message: 'Jump’s availability answer held no list of slots',
      requestId: null,
    });
  }

  return items.flatMap((item) => {
    if (typeof item !== 'object' || item === null) {
      return [];
    }
    const slot = item as Record<string, unknown>;
    const clinicianId = slot.clinician_id ?? slot.clinician_profile_id;
    if (
      slot.is_available === false ||
      slot.is_available === 'false' ||
      typeof clinicianId !== 'string' ||
      clinicianId === ''
    ) {
      return [];
    }
    const record = { ...slot, clinician_id: clinicianId, appointment_type_id: appointmentTypeId };
    const startTime = instant('start_time')({ ...record, id: '' });
    if (startTime === null) {
      return [];
    }
    const locationId = typeof slot.location_id === 'string' ? slot.location_id : null;
    const id = encodeSlotId({ appointmentTypeId, clinicianId, locationId, startTime });

    return [{ ...record, id }];
  });
}

builder.queryFields((t) => ({
  availability: t.field({
    type: [SlotRef],
    nullable: { list: true, items: false },
    requiresScope: 'read_availability',
    description:
      'Free slots of one appointment type between two local dates (inclusive), soonest first. ' +
      'Jump limits the window (30 days for its OLDER API). Never cached.',
    args: {
      appointmentTypeId: t.arg.id({ required: true }),
      startDate: t.arg({ type: 'Date', required: true, description: 'First local date.' }),
      endDate: t.arg({ type: 'Date', required: true, description: 'Last local date.' }),
      clinicianId: t.arg.id(),
      locationId: t.arg.id(),
      isRemote: t.arg.boolean({ description: 'Only remote (true) or in-person (false) slots.' }),
    },
    resolve: async (_root, args, context) => {
      const appointmentTypeId = checkId(String(args.appointmentTypeId), 'appointmentTypeId');
      checkOrder(args.startDate, args.endDate, 'endDate');
      const result = await context.jump.read({
        route: '/availability',
        query: {
          appointment_type_id: appointmentTypeId,
          start_date: args.startDate,
          end_date: args.endDate,
          clinician_id: checkOptionalId(args.clinicianId, 'clinicianId'),
          location_id: checkOptionalId(args.locationId, 'locationId'),
          is_remote: args.isRemote ?? undefined,
        },
      });

      return toSlots(result.data, appointmentTypeId);
    },
  }),
  hold: t.field({
    type: HoldRef,
    requiresScope: 'write_holds',
    description:
      'A hold by id, with its status now (an active hold past its expiry reads EXPIRED).',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const params = { id: checkId(String(args.id), 'id') };

      return asRecord(await context.jump.read({ route: '/holds/{id}', params }), params.id);
    },
  }),
}));

const CreateHoldInput = builder.inputType('CreateHoldInput', {
  description:
    'The slot to hold: its `slotId` from `availability`, or the type, clinician, location and ' +
    'start instant. The facade sends Jump the start as the location’s local date and HH:MM.',
  fields: (t) => ({
    slotId: t.id(),
    appointmentTypeId: t.id(),
    clinicianId: t.id(),
    locationId: t.id({ description: 'Omit for a remote slot.' }),
    startTime: t.field({ type: 'DateTime', description: 'The slot’s start instant.' }),
  }),
});

const ConfirmHoldInput = builder.inputType('ConfirmHoldInput', {
  description: 'Who the held slot is for. Attendee details default to the patient’s.',
  fields: (t) => ({
    patientId: t.id({ required: true }),
    notes: t.string(),
    attendeeName: t.string(),
    attendeeEmail: t.string(),
    attendeePhone: t.string(),
  }),
});

interface HoldInput {
  slotId?: string | number | null;
  appointmentTypeId?: string | number | null;
  clinicianId?: string | number | null;
  locationId?: string | number | null;
  startTime?: Date | null;
}

function slotKeyOf(input: HoldInput): SlotKey {
  if (input.slotId !== null && input.slotId !== undefined) {
    const explicit = (
      ['appointmentTypeId', 'clinicianId', 'locationId', 'startTime'] as const
    ).find((field) => input[field] !== null && input[field] !== undefined);
    if (explicit) {
      throw badUserInput(
        `give input.slotId or the slot's fields, not both (input.${explicit})`,
        `input.${explicit}`,
      );
    }

    return decodeSlotId(String(input.slotId));
  }
  for (const field of ['appointmentTypeId', 'clinicianId', 'startTime'] as const) {
    if (input[field] === null || input[field] === undefined) {
      throw badUserInput(`input.${field} is required without input.slotId`, `input.${field}`);
    }
  }

  return {
    appointmentTypeId: String(input.appointmentTypeId),
    clinicianId: String(input.clinicianId),
    locationId: input.locationId ? String(input.locationId) : null,
    startTime: (input.startTime as Date).toISOString(),
  };
}

/** The hold request Jump takes: the start as local date and HH:MM, which must be unambiguous. */
function holdBody(key: SlotKey, zone: string) {
  if (instant('start')({ id: '', start: key.startTime }) === null) {
    throw badUserInput('the slot must start between the years 1000 and 9999', 'input.startTime');
  }
  const start = new Date(key.startTime);
  if (start.getUTCSeconds() !== 0 || start.getUTCMilliseconds() !== 0) {
    throw badUserInput('the slot must start on a whole minute', 'input.startTime');
  }
  if (isAmbiguousLocalTime(start, zone)) {
    throw badUserInput(
      `${key.startTime} falls in the hour the clocks go back in ${zone}; a hold request (local ` +
        'date and HH:MM) cannot say which of the two it means',
      'input.startTime',
    );
  }
  const local = toLocalTime(start, zone);

  return {
    appointment_type_id: checkId(key.appointmentTypeId, 'input.appointmentTypeId'),
    clinician_id: checkId(key.clinicianId, 'input.clinicianId'),
    location_id: checkOptionalId(key.locationId, 'input.locationId') ?? undefined,
    date: local.date,
    start_time: local.time,
  };
}

builder.mutationFields((t) => ({
  createHold: t.field({
    type: HoldRef,
    requiresScope: 'write_holds',
    description:
      'Reserves a slot for 15 minutes. CONFLICT when someone else holds or booked it first.',
    args: { input: t.arg({ type: CreateHoldInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const key = slotKeyOf(input);
      const zone = await zoneOf(context, { id: '', location_id: key.locationId });
      const result = await context.jump.write('POST', { route: '/holds' }, holdBody(key, zone));
      const hold = asRecord(result);
      await refuseMisplacedHold(context, hold, key);

      return hold;
    },
  }),
  releaseHold: t.field({
    type: HoldRef,
    requiresScope: 'write_holds',
    description: 'Gives a held slot back before its hold expires.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const params = { id: checkId(String(args.id), 'id') };

      return asRecord(await context.jump.write('DELETE', { route: '/holds/{id}', params }));
    },
  }),
  confirmHold: t.field({
    type: AppointmentRef,
    requiresScope: 'write_holds',
    description: 'Turns a live hold into an appointment for a patient.',
    args: {
      id: t.arg.id({ required: true }),
      input: t.arg({ type: ConfirmHoldInput, required: true }),
    },
    resolve: (_root, { id, input }, context) => {
      const params = { id: checkId(String(id), 'id') };
      const body = toJumpBody({
        ...input,
        patientId: checkId(String(input.patientId), 'input.patientId'),
      });

      return writeRecord(
        context,
        'appointment',
        'POST',
        { route: '/holds/{id}/confirm', params },
        body,
      );
    },
  }),
}));

/**
 * Jump's hold request carries only a local time, so check that the hold it made starts at the
 * instant that was asked for. If it does not, or Jump does not say, give the slot back and fail:
 * a booking at an unknown time is worse than none.
 */
async function refuseMisplacedHold(context: Context, hold: JumpRecord, key: SlotKey) {
  const start = instant('start_time')(hold);
  if (start !== null && Date.parse(start) === Date.parse(key.startTime)) {
    return;
  }

  const released = await context.jump
    .write('DELETE', { route: '/holds/{id}', params: { id: checkId(hold.id, 'hold id') } })
    .then(
      () => true,
      () => false,
    );
  throw new GraphQLError(
    `Jump held ${start ?? 'an unstated time'} instead of ${key.startTime}; ` +
      (released
        ? 'the hold was released'
        : `releasing hold ${hold.id} failed, so it expires on its own`),
    { extensions: { code: 'UPSTREAM_ERROR', holdId: hold.id, released } },
  );
}
