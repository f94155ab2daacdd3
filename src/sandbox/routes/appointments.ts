import { HttpError } from '../http/http-error.js';
import { pageOf, readPageRequest } from '../http/pagination.js';
import { readQueryEnum, readQueryEnumList, readQueryParam } from '../http/query.js';
import { created, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import {
  APPOINTMENT_STATUSES,
  type Appointment,
  type AppointmentStatus,
  type NewAppointment,
} from '../records.js';
import type { SandboxStore } from '../store.js';
import {
  movesAppointment,
  readAppointmentChanges,
  readCancellation,
  readNewAppointment,
  readStartBound,
} from './appointment-input.js';
import { requireFound } from './not-found.js';

/**
 * `/appointments` (jump-api.md §3.2): the OLDER routes with the NEWER list filters (`status_in`,
 * `date_gte`, `date_lte`) and the NEWER rule that status changes go through `/cancel`.
 */
export const appointmentRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/appointments',
    scope: 'read_appointments',
    handle: listAppointments,
  },
  {
    method: 'GET',
    pattern: '/appointments/:id',
    scope: 'read_appointments',
    handle: getAppointment,
  },
  {
    method: 'POST',
    pattern: '/appointments',
    scope: 'write_appointments',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createAppointment,
  },
  {
    method: 'PATCH',
    pattern: '/appointments/:id',
    scope: 'write_appointments',
    body: 'json',
    handle: updateAppointment,
  },
  {
    method: 'POST',
    pattern: '/appointments/:id/cancel',
    scope: 'write_appointments',
    body: 'json',
    handle: cancelAppointment,
  },
];

// Appointments that have run their course: nothing about when or where they were can change.
const ENDED = new Set(['completed', 'no_show']);

function listAppointments({ query, store }: RouteRequest) {
  const page = readPageRequest(query);
  const filter = {
    patientId: readQueryParam(query, 'patient_id'),
    clinicianId: readQueryParam(query, 'clinician_id'),
    statuses: readStatuses(query),
    startFrom: readStartBound(query, 'date_gte'),
    startTo: readStartBound(query, 'date_lte'),
  };

  return pageOf(store.listAppointments(filter), page);
}

/** `status` and `status_in` together match only statuses both allow. */
function readStatuses(query: URLSearchParams): AppointmentStatus[] | undefined {
  const status = readQueryEnum(query, 'status', APPOINTMENT_STATUSES);
  const statusIn = readQueryEnumList(query, 'status_in', APPOINTMENT_STATUSES);
  if (status === undefined) return statusIn;

  return (statusIn ?? [status]).filter((entry) => entry === status);
}

function getAppointment({ params: [id = ''], store }: RouteRequest) {
  return ok(requireAppointment(store, id));
}

function createAppointment({ body, store, now }: RouteRequest) {
  const fields = readNewAppointment(body, store);
  refuseClash(store, fields, now);

  return created(store.createAppointment(fields));
}

function updateAppointment({ params: [id = ''], body, store, now }: RouteRequest) {
  const current = requireAppointment(store, id);
  const changes = readAppointmentChanges(body, current, store);
  if (current.status === 'cancelled') {
    throw new HttpError(409, `Appointment ${id} is cancelled and cannot be changed`);
  }
  if (movesAppointment(changes, current)) {
    if (ENDED.has(current.status)) {
      throw new HttpError(
        409,
        `Appointment ${id} is ${current.status}; its time and place can no longer change`,
      );
    }
    refuseClash(store, { ...current, ...changes }, now, id);
  }

  return ok(store.updateAppointment(id, changes));
}

function cancelAppointment({ params: [id = ''], body, store }: RouteRequest) {
  const current = requireAppointment(store, id);
  const reason = readCancellation(body);
  if (current.status === 'cancelled' || ENDED.has(current.status)) {
    throw new HttpError(409, `Appointment ${id} is ${current.status} and cannot be cancelled`);
  }

  return ok(store.updateAppointment(id, { status: 'cancelled', cancellation_reason: reason }));
}

/**
 * 409 when the clinician already has an appointment, not cancelled, overlapping this one, or a
 * live hold on any of its time: a slot someone is booking online is not free to book directly.
 */
function refuseClash(
  store: SandboxStore,
  appointment: NewAppointment,
  now: Date,
  exceptId?: string,
): void {
  const clinicianId = appointment.clinician_profile_id;
  const slot = {
    clinicianId,
    start: Date.parse(appointment.start_time),
    end: Date.parse(appointment.end_time),
    exceptId,
  };
  const clash = store.findClash(slot);
  if (clash) {
    throw new HttpError(
      409,
      `clinician_profile_id ${clinicianId} already has appointment ${clash.id} from ${clash.start_time} to ${clash.end_time}`,
    );
  }
  const hold = store.findLiveHold(slot, now.getTime());
  if (hold) {
    throw new HttpError(
      409,
      `clinician_profile_id ${clinicianId} is held from ${hold.start_time} to ${hold.end_time} by a booking in progress until ${hold.expires_at}`,
    );
  }
}

function requireAppointment(store: SandboxStore, id: string): Appointment {
  return requireFound(store.getAppointment(id), 'Appointment', id);
}
