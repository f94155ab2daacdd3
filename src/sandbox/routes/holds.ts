import { earliestBookableStart, sessionSlots, type SessionSlot } from '../availability.js';
import { formatTimestamp } from '../calendar.js';
import { clinicianDisplayName } from '../data/clinicians.js';
import { holdAsOf, holdStatusAt } from '../holds.js';
import { HttpError } from '../http/http-error.js';
import { created, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import type { Hold, HoldStatus, NewAppointment } from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  readConfirmation,
  readNewHold,
  type Confirmation,
  type HoldRequest,
} from './hold-input.js';
import { requireFound } from './not-found.js';

/**
 * `/holds` (jump-api.md §3.11, OLDER; all four under `write_holds`): a slot `GET /availability`
 * offers is reserved for 15 minutes, then confirmed as an appointment, released, or left to
 * expire. There is no list route, as Jump documents none.
 */
export const holdRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/holds',
    scope: 'write_holds',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createHold,
  },
  { method: 'GET', pattern: '/holds/:id', scope: 'write_holds', handle: getHold },
  { method: 'DELETE', pattern: '/holds/:id', scope: 'write_holds', handle: releaseHold },
  {
    method: 'POST',
    pattern: '/holds/:id/confirm',
    scope: 'write_holds',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: confirmHold,
  },
];

// These handlers never await: each checks the slot and writes in one turn of the event loop, so
// of any number of requests racing for one slot exactly one can pass the check.

function createHold({ body, store, now }: RouteRequest) {
  const request = readNewHold(body, store);
  const slot = requireBookableSlot(store, request, now.getTime());
  refuseTaken(store, slot, now.getTime());

  return created(
    store.createHold({
      appointment_type_id: request.type.id,
      clinician_id: request.clinician.id,
      location_id: slot.location?.id ?? null,
      start_time: formatTimestamp(slot.start),
      end_time: formatTimestamp(slot.end),
      status: 'active',
      appointment_id: null,
      patient_id: null,
    }),
  );
}

function getHold({ params: [id = ''], store, now }: RouteRequest) {
  return ok(holdAsOf(requireHold(store, id), now.getTime()));
}

function releaseHold({ params: [id = ''], store, now }: RouteRequest) {
  const hold = requireHold(store, id);
  const status = holdStatusAt(hold, now.getTime());
  if (status !== 'active') {
    throw new HttpError(409, `Hold ${id} cannot be released: ${describeEnded(hold, status)}`);
  }

  return ok(store.updateHold(id, { status: 'released' }));
}

function confirmHold({ params: [id = ''], body, store, now }: RouteRequest) {
  const hold = requireHold(store, id);
  const confirmation = readConfirmation(body, store);
  const status = holdStatusAt(hold, now.getTime());
  if (status !== 'active') {
    throw new HttpError(409, `Hold ${id} cannot be confirmed: ${describeEnded(hold, status)}`);
  }
  // A live hold keeps its slot from the API; only a write straight to the store can get past it.
  const clash = store.findClash(spanOf(hold));
  if (clash) {
    throw new HttpError(409, `Hold ${id} cannot be confirmed: its slot is already booked`);
  }
  const appointment = store.createAppointment(bookingOf(store, hold, confirmation));
  store.updateHold(id, {
    status: 'confirmed',
    appointment_id: appointment.id,
    patient_id: appointment.patient_id,
  });

  return created(appointment);
}

/** The session slot the request names, or 400 saying why it is not one that can be held. */
function requireBookableSlot(store: SandboxStore, request: HoldRequest, now: number): SessionSlot {
  const { type, clinician, location, day, start } = request;
  const search = {
    type,
    firstDay: day,
    lastDay: day,
    clinicianId: clinician.id,
    locationId: location?.id,
  };
  const slot = sessionSlots(store, search).find((candidate) => candidate.start === start);
  const reason = whyNotBookable(slot, request, now);
  if (slot && reason === undefined) return slot;

  const details = `start_time ${request.time} on ${request.date} is not a bookable slot: ${reason}`;

  throw new HttpError(400, details, { fields: [{ field: 'start_time', message: details }] });
}

function whyNotBookable(
  slot: SessionSlot | undefined,
  { type, clinician, location }: HoldRequest,
  now: number,
): string | undefined {
  if (!slot) {
    const where = location ? ` at ${location.name}` : '';

    return `${clinicianDisplayName(clinician)} has no ${type.name} slot starting then${where}`;
  }
  if (slot.start < now) return 'it is in the past';

  if (slot.start >= earliestBookableStart(type, now)) return undefined;

  const notice = type.booking_notice_hours;

  return `${type.name} must be booked at least ${notice} ${notice === 1 ? 'hour' : 'hours'} ahead`;
}

/** 409 when an appointment (cancelled ones aside) or a live hold already has the slot. */
function refuseTaken(store: SandboxStore, slot: SessionSlot, now: number): void {
  const span = { clinicianId: slot.clinician.id, start: slot.start, end: slot.end };
  const booked = store.findClash(span);
  const held = booked ? undefined : store.findLiveHold(span, now);
  if (!booked && !held) return;

  const taken = held ? `is held by another booking until ${held.expires_at}` : 'is already booked';
  const when = `${formatTimestamp(slot.start)} to ${formatTimestamp(slot.end)}`;

  throw new HttpError(409, `The slot from ${when} with clinician_id ${slot.clinician.id} ${taken}`);
}

/** Why a hold is no longer active, naming its status. */
function describeEnded(hold: Hold, status: Exclude<HoldStatus, 'active'>): string {
  if (status === 'expired') return `hold has expired (at ${hold.expires_at})`;

  if (status === 'released') return 'hold was released';

  return `hold is already confirmed as appointment ${hold.appointment_id}`;
}

/** The appointment a confirmed hold becomes: booked online, confirmed, named after its type. */
function bookingOf(store: SandboxStore, hold: Hold, confirmation: Confirmation): NewAppointment {
  const type = store.getAppointmentType(hold.appointment_type_id);
  if (!type) throw new Error(`Hold ${hold.id} names no appointment type`);

  const { start, end } = spanOf(hold);

  return {
    patient_id: confirmation.patient.id,
    clinician_profile_id: hold.clinician_id,
    appointment_type_id: type.id,
    location_id: hold.location_id,
    title: type.name,
    start_time: hold.start_time,
    end_time: hold.end_time,
    status: 'confirmed',
    is_remote: hold.location_id === null,
    attendee_name: confirmation.attendee_name,
    attendee_email: confirmation.attendee_email,
    attendee_phone: confirmation.attendee_phone,
    notes: confirmation.notes,
    description: null,
    duration_minutes: Math.round((end - start) / 60_000),
    cancellation_reason: null,
    booking_source: 'online',
  };
}

function spanOf(hold: Hold) {
  return {
    clinicianId: hold.clinician_id,
    start: Date.parse(hold.start_time),
    end: Date.parse(hold.end_time),
  };
}

function requireHold(store: SandboxStore, id: string): Hold {
  return requireFound(store.getHold(id), 'Hold', id);
}
