import { findAvailableSlots, onlineBookingProblem } from '../availability.js';
import { HttpError } from '../http/http-error.js';
import { ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import type { AppointmentType } from '../records.js';
import type { SandboxStore } from '../store.js';
import { readAvailabilityQuery } from './availability-input.js';
import { requireFound } from './not-found.js';

/**
 * `/availability` (jump-api.md §3.10, OLDER): free slots computed from the clinicians' sessions,
 * their appointments and live holds. The documentation shows a bare array in `data`, so there is
 * no pagination; the 30-day cap bounds the answer instead.
 */
export const availabilityRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/availability',
    scope: 'read_availability',
    handle: listAvailability,
  },
];

function listAvailability({ query, store, now }: RouteRequest) {
  const request = readAvailabilityQuery(query);
  const type = requireOnlineType(store, request.appointmentTypeId);
  const { clinicianId, locationId } = request;
  if (clinicianId !== undefined) {
    requireFound(store.getClinician(clinicianId), 'Clinician', clinicianId);
  }
  if (locationId !== undefined) {
    requireFound(store.getLocation(locationId), 'Location', locationId);
  }
  const search = { ...request, type };

  return ok(findAvailableSlots(store, search, now.getTime()));
}

/** The type, or 404 when there is none, or 400 when it cannot be booked online. */
function requireOnlineType(store: SandboxStore, id: string): AppointmentType {
  const type = requireFound(store.getAppointmentType(id), 'Appointment type', id);
  const problem = onlineBookingProblem(type);
  if (problem) {
    const details = `appointment_type_id ${id} (${type.name}) cannot be booked online: ${problem}`;

    throw new HttpError(400, details, {
      fields: [{ field: 'appointment_type_id', message: details }],
    });
  }

  return type;
}
