import { pageOf, readPageRequest } from '../http/pagination.js';
import { ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import { requireFound } from './not-found.js';

/** `/appointment-types` (jump-api.md §3.7, OLDER): the services the practice offers, read-only. */
export const appointmentTypeRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/appointment-types',
    scope: 'read_appointment_types',
    handle: listAppointmentTypes,
  },
  {
    method: 'GET',
    pattern: '/appointment-types/:id',
    scope: 'read_appointment_types',
    handle: getAppointmentType,
  },
];

function listAppointmentTypes({ query, store }: RouteRequest) {
  return pageOf(store.appointmentTypes, readPageRequest(query));
}

function getAppointmentType({ params: [id = ''], store }: RouteRequest) {
  return ok(requireFound(store.getAppointmentType(id), 'Appointment type', id));
}
