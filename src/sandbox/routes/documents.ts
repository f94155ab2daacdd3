import { documentFile } from '../document-files.js';
import { DOCUMENT_FILES_PATH } from '../download-links.js';
import { pageOf, readPageRequest } from '../http/pagination.js';
import { readQueryEnum, readQueryParam } from '../http/query.js';
import { created, fileReply, ok } from '../http/reply.js';
import type { Route, RouteRequest } from '../http/router.js';
import { DOCUMENT_TYPES, type PatientDocument } from '../records.js';
import type { SandboxStore } from '../store.js';
import { readNewDocument } from './document-input.js';
import { requireFound } from './not-found.js';

/**
 * `/documents` (jump-api.md §3.5, OLDER). `/download` answers a signed link back into the sandbox,
 * which serves the file to anyone holding the link for 15 minutes, without an API key.
 */
export const documentRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/documents', scope: 'read_documents', handle: listDocuments },
  { method: 'GET', pattern: '/documents/:id', scope: 'read_documents', handle: getDocument },
  {
    method: 'GET',
    pattern: '/documents/:id/download',
    scope: 'read_documents',
    handle: linkDocument,
  },
  {
    method: 'POST',
    pattern: '/documents',
    scope: 'write_documents',
    body: 'json',
    acceptsIdempotencyKey: true,
    handle: createDocument,
  },
  { method: 'GET', pattern: `${DOCUMENT_FILES_PATH}/:id`, scope: null, handle: serveFile },
];

function listDocuments({ query, store }: RouteRequest) {
  const page = readPageRequest(query);
  const patientId = readQueryParam(query, 'patient_id');
  const documentType = readQueryEnum(query, 'document_type', DOCUMENT_TYPES);

  return pageOf(store.listDocuments({ patientId, documentType }), page);
}

function getDocument({ params: [id = ''], store }: RouteRequest) {
  return ok(requireDocument(store, id));
}

function linkDocument({ params: [id = ''], store, now, downloads }: RouteRequest) {
  const document = requireDocument(store, id);

  return ok(downloads.issue(document.id, now));
}

function createDocument({ body, store }: RouteRequest) {
  return created(store.createDocument(readNewDocument(body, store)));
}

// The signature is checked before the id is looked up, so the route reveals nothing without one.
function serveFile({ params: [id = ''], query, store, now, downloads }: RouteRequest) {
  downloads.check(id, query, now);
  const document = requireDocument(store, id);

  return fileReply(documentFile(document));
}

function requireDocument(store: SandboxStore, id: string): PatientDocument {
  return requireFound(store.getDocument(id), 'Document', id);
}
