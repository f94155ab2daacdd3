import { pageOf, readPageRequest } from '../http/pagination.js';
import { ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import { requireFound } from './not-found.js';

/** `/locations` (jump-api.md §3.9): the OLDER fields plus the NEWER `timezone`, read-only. */
export const locationRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/locations', scope: 'read_locations', handle: listLocations },
  { method: 'GET', pattern: '/locations/:id', scope: 'read_locations', handle: getLocation },
];

function listLocations({ query, store }: RouteRequest) {
  return pageOf(store.locations, readPageRequest(query));
}

function getLocation({ params: [id = ''], store }: RouteRequest) {
  return ok(requireFound(store.getLocation(id), 'Location', id));
}
