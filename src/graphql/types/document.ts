import { builder } from '../builder.js';
import { pageArgDescriptions } from '../connection.js';
import type { Context } from '../context.js';
import { checkId, checkOptionalId, checkSearch } from '../ids.js';
import { checkCount, checkPattern, requireText, toJumpBody } from '../inputs.js';
import { listPage } from '../lists.js';
import { instant, integer, text } from '../records.js';
import type { JumpRecord } from '../records.js';
import { addReference, addTimestamps } from '../references.js';
import { addItemQuery, writeRecord } from '../root-fields.js';
import { JumpError } from '../../upstream/jump-error.js';
import { DocumentConnection, DocumentRef, PatientRef } from './refs.js';

interface Download {
  url: string;
  expiresAt: string | null;
}

const DocumentDownload = builder.objectRef<Download>('DocumentDownload').implement({
  description: 'A short-lived link to a document’s file.',
  fields: (t) => ({
    url: t.exposeString('url', { nullable: false }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When the link stops working, if Jump says.',
      resolve: (download) => download.expiresAt,
    }),
  }),
});

/** Asks Jump for a download link; the same document's link is fetched once per operation. */
async function fetchDownload(context: Context, document: JumpRecord): Promise<Download> {
  const result = await context.jump.read({
    route: '/documents/{id}/download',
    params: { id: document.id },
  });
  const data = result.data as { url?: unknown; expires_at?: unknown } | null;
  // The link goes straight into a browser, so only a web address will do (never javascript:).
  if (typeof data?.url !== 'string' || !/^https?:\/\//i.test(data.url)) {
    throw new JumpError({
      kind: 'invalid_response',
      status: result.status,
      code: 'invalid_response',
      message: 'Jump’s download answer had no http(s) url',
      requestId: result.requestId,
    });
  }

  return { url: data.url, expiresAt: instant('expires_at')(data as JumpRecord) };
}

builder.objectType(DocumentRef, {
  description:
    'Metadata of a document in a patient’s record; the file itself is behind `download`.',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (record) => record.id }),
    documentType: t.string({
      description: 'Jump’s document type, e.g. lab_result or referral_letter.',
      resolve: text('document_type'),
    }),
    title: t.string({ resolve: text('title') }),
    description: t.string({ resolve: text('description') }),
    fileName: t.string({ resolve: text('file_name') }),
    mimeType: t.string({ resolve: text('mime_type') }),
    fileSize: t.int({ description: 'Bytes.', resolve: integer('file_size') }),
    uploadedBy: t.id({
      description: 'Jump user id of the uploader.',
      resolve: text('uploaded_by'),
    }),
    download: t.field({
      type: DocumentDownload,
      requiresScope: 'read_documents',
      description: 'A fresh, short-lived link to the file.',
      resolve: (document, _args, context) => fetchDownload(context, document),
    }),
    downloadUrl: t.string({
      requiresScope: 'read_documents',
      description: 'The same link as `download.url`, for convenience.',
      resolve: async (document, _args, context) => (await fetchDownload(context, document)).url,
    }),
  }),
});

addReference(DocumentRef, {
  field: 'patient',
  key: 'patient_id',
  target: PatientRef,
  resource: 'patient',
  scope: 'read_patients',
});
addTimestamps(DocumentRef);
addItemQuery('document', DocumentRef, 'document', 'read_documents', 'document');

builder.queryField('documents', (t) =>
  t.field({
    type: DocumentConnection,
    requiresScope: 'read_documents',
    description: 'Documents, optionally for one patient and of one type.',
    args: {
      patientId: t.arg.id(),
      documentType: t.arg.string({ description: 'E.g. lab_result.' }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (_root, args, context) =>
      listPage(context, 'document', args, {
        patient_id: checkOptionalId(args.patientId, 'patientId'),
        document_type: checkSearch(args.documentType, 'documentType', 64),
      }),
  }),
);

builder.objectField(PatientRef, 'documents', (t) =>
  t.field({
    type: DocumentConnection,
    requiresScope: 'read_documents',
    description: 'Documents in this patient’s record.',
    args: {
      documentType: t.arg.string({ description: 'E.g. lab_result.' }),
      first: t.arg.int({ description: pageArgDescriptions.first }),
      after: t.arg.string({ description: pageArgDescriptions.after }),
    },
    resolve: (patient, args, context) =>
      listPage(context, 'document', args, {
        patient_id: patient.id,
        document_type: checkSearch(args.documentType, 'documentType', 64),
      }),
  }),
);

const CreateDocumentInput = builder.inputType('CreateDocumentInput', {
  description: 'A document record (metadata only; Jump’s API does not document file upload).',
  fields: (t) => ({
    patientId: t.id({ required: true }),
    documentType: t.string({ required: true, description: 'E.g. lab_result, clinic_letter.' }),
    title: t.string({ required: true }),
    fileName: t.string({ required: true, description: 'A plain file name, no path.' }),
    mimeType: t.string({ required: true, description: 'E.g. application/pdf.' }),
    description: t.string(),
    fileSize: t.int({ description: 'Bytes.' }),
  }),
});

builder.mutationField('createDocument', (t) =>
  t.field({
    type: DocumentRef,
    requiresScope: 'write_documents',
    description: 'Creates a document record in a patient’s record.',
    args: { input: t.arg({ type: CreateDocumentInput, required: true }) },
    resolve: (_root, { input }, context) => {
      checkId(String(input.patientId), 'input.patientId');
      requireText(input.documentType, 'input.documentType', 64);
      requireText(input.title, 'input.title', 200);
      requireText(input.fileName, 'input.fileName', 255);
      checkPattern(input.fileName, /^[^/\\]+$/, 'input.fileName', 'a file name without / or \\');
      checkPattern(input.mimeType, /^[\w.+-]+\/[\w.+-]+$/, 'input.mimeType', 'a MIME type');
      checkCount(input.fileSize, 'input.fileSize');
      const body = toJumpBody({ ...input, patientId: String(input.patientId) });

      return writeRecord(context, 'document', 'POST', { route: '/documents' }, body);
    },
  }),
);
