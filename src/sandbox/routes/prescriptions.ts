import { pageOf, readPageRequest } from '../http/pagination.js';
import { readQueryEnum, readQueryParam } from '../http/query.js';
import { created, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import { PRESCRIPTION_STATUSES } from '../records.js';
import { requireFound } from './not-found.js';
import { readNewPrescription, readPrescriptionChanges } from './prescription-input.js';

/** `/prescriptions` (jump-api.md §3.6, OLDER). List filters follow the other clinical lists. */
export const prescriptionRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/prescriptions',
    scope: 'read_prescriptions',
    handle: listPrescriptions,
  },
  {
    method: 'GET',
    pattern: '/prescriptions/:id',
    scope: 'read_prescriptions',
    handle: getPrescription,
  },
  {
    method: 'POST',
    pattern: '/prescriptions',
    scope: 'write_prescriptions',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createPrescription,
  },
  {
    method: 'PATCH',
    pattern: '/prescriptions/:id',
    scope: 'write_prescriptions',
    body: 'json',
    handle: updatePrescription,
  },
];

function listPrescriptions({ query, store }: RouteRequest) {
  const page = readPageRequest(query);
  const patientId = readQueryParam(query, 'patient_id');
  const status = readQueryEnum(query, 'status', PRESCRIPTION_STATUSES);

  return pageOf(store.listPrescriptions({ patientId, status }), page);
}

function getPrescription({ params: [id = ''], store }: RouteRequest) {
  return ok(requireFound(store.getPrescription(id), 'Prescription', id));
}

function createPrescription({ body, store, now }: RouteRequest) {
  return created(store.createPrescription(readNewPrescription(body, store, now)));
}

function updatePrescription({ params: [id = ''], body, store, now }: RouteRequest) {
  const current = requireFound(store.getPrescription(id), 'Prescription', id);

  return ok(store.updatePrescription(id, readPrescriptionChanges(body, current, store, now)));
}
