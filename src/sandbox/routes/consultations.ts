import { pageOf, readPageRequest } from '../http/pagination.js';
import { readQueryParam } from '../http/query.js';
import { created, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import type { Consultation } from '../records.js';
import type { SandboxStore } from '../store.js';
import { readConsultationChanges, readNewConsultation } from './consultation-input.js';
import { notFound } from './not-found.js';

/**
 * `/consultations` as the OLDER guide has it, writes included (the NEWER reference makes them
 * read-only). Scopes follow the OLDER scope table.
 */
export const consultationRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/consultations',
    scope: 'read_consultations',
    handle: listConsultations,
  },
  {
    method: 'GET',
    pattern: '/consultations/:id',
    scope: 'read_consultations',
    handle: getConsultation,
  },
  {
    method: 'POST',
    pattern: '/consultations',
    scope: 'write_consultations',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createConsultation,
  },
  {
    method: 'PATCH',
    pattern: '/consultations/:id',
    scope: 'write_consultations',
    body: 'json',
    handle: updateConsultation,
  },
];

function listConsultations({ query, store }: RouteRequest) {
  const page = readPageRequest(query);
  const patientId = readQueryParam(query, 'patient_id');

  return pageOf(store.listConsultations({ patientId }), page);
}

function getConsultation({ params: [id = ''], store }: RouteRequest) {
  return ok(requireConsultation(store, id));
}

function createConsultation({ body, store }: RouteRequest) {
  return created(store.createConsultation(readNewConsultation(body, store)));
}

function updateConsultation({ params: [id = ''], body, store }: RouteRequest) {
  const current = requireConsultation(store, id);

  return ok(store.updateConsultation(id, readConsultationChanges(body, current, store)));
}

function requireConsultation(store: SandboxStore, id: string): Consultation {
  const consultation = store.getConsultation(id);
  if (!consultation) throw notFound('Consultation', id);

  return consultation;
}
