import { readPageRequest, pageOf } from '../http/pagination.js';
import { readQueryParam } from '../http/query.js';
import { created, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import type { Patient } from '../records.js';
import type { SandboxStore } from '../store.js';
import { notFound } from './not-found.js';
import { readNewPatient, readPatientChanges } from './patient-input.js';

/**
 * `/patients` (jump-api.md §3.1, OLDER), plus NEWER archiving through PATCH; there is deliberately
 * no DELETE, as in Jump.
 */
export const patientRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/patients', scope: 'read_patients', handle: listPatients },
  { method: 'GET', pattern: '/patients/:id', scope: 'read_patients', handle: getPatient },
  {
    method: 'POST',
    pattern: '/patients',
    scope: 'write_patients',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createPatient,
  },
  {
    method: 'PATCH',
    pattern: '/patients/:id',
    scope: 'write_patients',
    body: 'json',
    handle: updatePatient,
  },
];

function listPatients({ query, store }: RouteRequest) {
  const page = readPageRequest(query);
  const search = readQueryParam(query, 'search');

  return pageOf(store.listPatients({ search }), page);
}

function getPatient({ params: [id = ''], store }: RouteRequest) {
  return ok(requirePatient(store, id));
}

function createPatient({ body, store, now }: RouteRequest) {
  return created(store.createPatient(readNewPatient(body, now)));
}

function updatePatient({ params: [id = ''], body, store, now }: RouteRequest) {
  const current = requirePatient(store, id);

  return ok(store.updatePatient(id, readPatientChanges(body, current, now)));
}

function requirePatient(store: SandboxStore, id: string): Patient {
  const patient = store.getPatient(id);
  if (!patient) throw notFound('Patient', id);

  return patient;
}
