import { pageOf, readPageRequest } from '../http/pagination.js';
import { readQueryEnum, readQueryParam } from '../http/query.js';
import { created, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import { PROBLEM_STATUSES } from '../records.js';
import { requireFound } from './not-found.js';
import { readNewProblem } from './problem-input.js';

/** `/problems` (jump-api.md §3.4, OLDER): no PATCH, as `write_problems` guards only the create. */
export const problemRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/problems', scope: 'read_problems', handle: listProblems },
  { method: 'GET', pattern: '/problems/:id', scope: 'read_problems', handle: getProblem },
  {
    method: 'POST',
    pattern: '/problems',
    scope: 'write_problems',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createProblem,
  },
];

function listProblems({ query, store }: RouteRequest) {
  const page = readPageRequest(query);
  const patientId = readQueryParam(query, 'patient_id');
  const status = readQueryEnum(query, 'status', PROBLEM_STATUSES);

  return pageOf(store.listProblems({ patientId, status }), page);
}

function getProblem({ params: [id = ''], store }: RouteRequest) {
  return ok(requireFound(store.getProblem(id), 'Problem', id));
}

function createProblem({ body, store, now }: RouteRequest) {
  return created(store.createProblem(readNewProblem(body, store, now)));
}
