import { pageOf, readPageRequest } from '../http/pagination.js';
import { ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import { requireFound } from './not-found.js';

/** `/clinicians` (jump-api.md §3.8, OLDER): the practice's clinicians, read-only. */
export const clinicianRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/clinicians', scope: 'read_clinicians', handle: listClinicians },
  { method: 'GET', pattern: '/clinicians/:id', scope: 'read_clinicians', handle: getClinician },
];

function listClinicians({ query, store }: RouteRequest) {
  return pageOf(store.clinicians, readPageRequest(query));
}

function getClinician({ params: [id = ''], store }: RouteRequest) {
  return ok(requireFound(store.getClinician(id), 'Clinician', id));
}
