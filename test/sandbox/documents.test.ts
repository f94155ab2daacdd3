import { describe, expect, it } from 'vitest';
import type { Patient, PatientDocument } from '../../src/sandbox/records.js';
import {
  KEYS,
  useSandbox,
  type ErrorBody,
  type ItemBody,
  type ListBody,
} from '../support/sandbox-http.js';

const NOW = new Date('2026-03-02T12:00:00Z');
let clock = NOW;
const api = useSandbox({ now: () => clock });

interface DownloadBody {
  data: { url: string; expires_at: string };
}

const listDocuments = (query = '') => api.request<ListBody<PatientDocument>>(`/documents${query}`);

const createDocument = (json: unknown) =>
  api.request<ItemBody<PatientDocument> & ErrorBody>('/documents', { method: 'POST', json });

const somePatient = () => api.sandbox.store.patients[60] as Patient;

const firstOfType = (mimeType: string) =>
  api.sandbox.store.documents.find(
    (document) => document.mime_type === mimeType,
  ) as PatientDocument;

async function linkTo(document: PatientDocument) {
  const { body } = await api.request<DownloadBody>(`/documents/${document.id}/download`);

  return body.data;
}

describe('GET /documents', () => {
  it('lists documents in the OLDER envelope, fields in the documented order', async () => {
    const { status, body } = await listDocuments('?limit=10');

    expect(status).toBe(200);
    expect(body.data).toEqual(api.sandbox.store.documents.slice(0, 10));
    expect(Object.keys(body.data[0] ?? {})).toEqual([
      'id',
      'patient_id',
      'document_type',
      'title',
      'description',
      'file_name',
      'file_path',
      'mime_type',
      'file_size',
      'uploaded_by',
      'created_at',
      'updated_at',
    ]);
  });

  it('pages with limit and offset', async () => {
    const { body } = await listDocuments('?limit=4&offset=12');

    expect(body.data.map((document) => document.id)).toEqual(
      api.sandbox.store.documents.slice(12, 16).map((document) => document.id),
    );
  });

  it('filters by patient_id', async () => {
    const target = api.sandbox.store.documents[9] as PatientDocument;
    const { body } = await listDocuments(`?patient_id=${target.patient_id}`);

    expect(body.data.map((document) => document.id)).toContain(target.id);
    expect(body.data.every((document) => document.patient_id === target.patient_id)).toBe(true);
  });

  it('filters by document_type', async () => {
    const { body } = await listDocuments('?document_type=imaging_report');
    const expected = api.sandbox.store.documents.filter(
      (document) => document.document_type === 'imaging_report',
    );

    expect(body.pagination.total).toBe(expected.length);
    expect(body.pagination.total).toBeGreaterThan(0);
    expect(body.data.every((document) => document.document_type === 'imaging_report')).toBe(true);
  });

  it('answers 400 naming document_type for a type it does not know', async () => {
    const { status, body } = await api.request<ErrorBody>('/documents?document_type=x_ray');

    expect(status).toBe(400);
    expect(body.details).toBe(
      'document_type must be one of lab_result, referral_letter, discharge_summary, clinic_letter, imaging_report, consent_form, other; received "x_ray"',
    );
  });

  it('needs read_documents', async () => {
    const { status, body } = await api.request<ErrorBody>('/documents', { key: KEYS.noscope });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: read_documents');
  });
});

describe('GET /documents/{id}', () => {
  it('returns the document', async () => {
    const target = api.sandbox.store.documents[2] as PatientDocument;
    const { body } = await api.request<ItemBody<PatientDocument>>(`/documents/${target.id}`);

    expect(body.data).toEqual(target);
  });

  it('answers 404 naming the document', async () => {
    const { status, body } = await api.request<ErrorBody>('/documents/doc_none');

    expect(status).toBe(404);
    expect(body.details).toBe('Document doc_none not found');
  });
});

describe('GET /documents/{id}/download', () => {
  it('answers a signed link back to this sandbox that expires in 15 minutes', async () => {
    const document = firstOfType('application/pdf');
    const link = await linkTo(document);
    const url = new URL(link.url);

    expect(link.expires_at).toBe('2026-03-02T12:15:00Z');
    expect(url.origin).toBe(new URL(api.sandbox.url).origin);
    expect(url.pathname).toBe(`/functions/v1/api-v1/document-files/${document.id}`);
    expect(url.searchParams.get('expires')).toBe(String(Date.parse(link.expires_at) / 1000));
    expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves a valid PDF of the recorded size without an API key', async () => {
    const document = firstOfType('application/pdf');
    const response = await fetch((await linkTo(document)).url);
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('latin1');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toContain(
      `filename="${document.file_name}"`,
    );
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(bytes.byteLength).toBe(document.file_size);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    expect(text).toContain(`(${document.title}) Tj`);
  });

  it('serves a text result as text', async () => {
    const document = firstOfType('text/plain');
    const response = await fetch((await linkTo(document)).url);
    const text = await response.text();

    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.split('\n')[0]).toBe(document.title);
    expect(text).toContain(document.description ?? '');
    expect(Buffer.byteLength(text)).toBe(document.file_size);
  });

  it('refuses a tampered signature, another document’s signature and a missing one', async () => {
    const [one, two] = api.sandbox.store.documents as PatientDocument[];
    const link = new URL((await linkTo(one as PatientDocument)).url);
    const signature = link.searchParams.get('signature') ?? '';
    const tampered = new URL(link);
    tampered.searchParams.set(
      'signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const moved = new URL(link);
    moved.pathname = moved.pathname.replace(one?.id ?? '', two?.id ?? '');
    const bare = new URL(link);
    bare.search = '';
    const longer = new URL(link);
    longer.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));

    const answers = await Promise.all([tampered, moved, bare, longer].map((url) => fetch(url)));
    const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as ErrorBody[];

    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
    expect(bodies.map((body) => body.details)).toEqual([
      'Download link signature is invalid',
      'Download link signature is invalid',
      'Download link is missing its expires or signature parameter',
      'Download link signature is invalid',
    ]);
    expect(bodies[0]).toMatchObject({ error: 'Forbidden' });
  });

  it('refuses the link once 15 minutes have passed', async () => {
    const link = await linkTo(api.sandbox.store.documents[0] as PatientDocument);
    try {
      clock = new Date(NOW.getTime() + 15 * 60_000);
      const lastSecond = await fetch(link.url);
      clock = new Date(NOW.getTime() + 15 * 60_000 + 1000);
      const expired = await fetch(link.url);

      expect(lastSecond.status).toBe(200);
      expect(expired.status).toBe(403);
      expect(((await expired.json()) as ErrorBody).details).toBe(
        'Download link has expired; request a new one',
      );
    } finally {
      clock = NOW;
    }
  });

  it('does not honour a link signed by another sandbox', async () => {
    const { startSandbox } = await import('../../src/sandbox/sandbox.js');
    const other = await startSandbox({ now: () => NOW });
    try {
      const document = api.sandbox.store.documents[0] as PatientDocument;
      const foreign = new URL((await linkTo(document)).url);
      const { pathname, search } = foreign;
      const response = await fetch(`${new URL(other.url).origin}${pathname}${search}`);

      expect(response.status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('needs read_documents to issue the link', async () => {
    const document = api.sandbox.store.documents[0] as PatientDocument;
    const { status } = await api.request(`/documents/${document.id}/download`, {
      key: KEYS.marketplace,
    });

    expect(status).toBe(403);
  });

  it('answers 404 for the link of an unknown document', async () => {
    const { status, body } = await api.request<ErrorBody>('/documents/doc_none/download');

    expect(status).toBe(404);
    expect(body.details).toBe('Document doc_none not found');
  });
});

describe('the files behind download links, for documents a caller wrote', () => {
  const MARKUP = {
    title: '<script>alert(document.cookie)</script>',
    description: '<img src=x onerror="alert(1)">',
  };

  async function fileOf(fields: Record<string, unknown>) {
    const { body } = await createDocument({
      patient_id: somePatient().id,
      document_type: 'other',
      ...MARKUP,
      ...fields,
    });
    const response = await fetch((await linkTo(body.data)).url);

    return { response, text: await response.text() };
  }

  it('serves a document declared text/html as a download of a note, never as HTML (stored XSS)', async () => {
    const { response, text } = await fileOf({ file_name: 'report.html', mime_type: 'text/html' });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="report.html"');
    expect(text).toContain('The sandbox holds no text/html file');
    expect(text).not.toMatch(/[<>]/);
  });

  it.each([
    'text/html',
    'application/xhtml+xml',
    'image/svg+xml',
    'text/xml',
    'text/javascript',
    'text/csv',
    'image/png',
  ])('serves %s as application/octet-stream, as an attachment', async (mimeType) => {
    const { response } = await fileOf({ file_name: 'upload.bin', mime_type: mimeType });

    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('serves text/plain inline as text, markup and all, under a name that saves as .txt', async () => {
    const { response, text } = await fileOf({ file_name: 'notes.html', mime_type: 'text/plain' });

    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="notes.html.txt"');
    expect(text.split('\n')[0]).toBe(MARKUP.title);
  });

  it.each([
    ['a synthesised PDF', 'application/pdf'],
    ['plain text', 'text/plain'],
    ['a download', 'text/html'],
  ])('sends %s with nosniff, a sandboxing CSP and no caching', async (_, mimeType) => {
    const { response } = await fileOf({ file_name: 'file.pdf', mime_type: mimeType });

    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('quotes only letters, digits, spaces and ._-()+, of the file name, in ASCII', async () => {
    const { response } = await fileOf({
      file_name: 'scan "final";v2%20 ü\u0301.pdf',
      mime_type: 'application/pdf',
    });

    expect(response.headers.get('content-disposition')).toBe(
      'inline; filename="scan _final__v2_20 __.pdf"',
    );
  });
});

describe('POST /documents', () => {
  it('records a document, deriving its path, and serves a file for it', async () => {
    const patient = somePatient();
    const { status, body } = await createDocument({
      patient_id: patient.id,
      document_type: 'clinic_letter',
      title: 'Dermatology clinic letter',
      description: 'Seen in clinic; emollients advised.',
      file_name: 'dermatology_letter.pdf',
      mime_type: 'Application/PDF',
      file_size: 20480,
    });
    const fetched = await api.request<ItemBody<PatientDocument>>(`/documents/${body.data.id}`);
    const file = await fetch((await linkTo(body.data)).url);

    expect(status).toBe(201);
    expect(body.data).toEqual({
      id: body.data.id,
      patient_id: patient.id,
      document_type: 'clinic_letter',
      title: 'Dermatology clinic letter',
      description: 'Seen in clinic; emollients advised.',
      file_name: 'dermatology_letter.pdf',
      file_path: `documents/${patient.id}/dermatology_letter.pdf`,
      mime_type: 'application/pdf',
      file_size: 20480,
      uploaded_by: 'usr_sandbox_api',
      created_at: '2026-03-02T12:00:00Z',
      updated_at: '2026-03-02T12:00:00Z',
    });
    expect(body.data.id).toMatch(/^doc_[0-9a-f]{24}$/);
    expect(fetched.body.data).toEqual(body.data);
    expect(file.headers.get('content-type')).toBe('application/pdf');
  });

  it('defaults file_size to 0 and offers a note to download for a type it cannot synthesise', async () => {
    const { body } = await createDocument({
      patient_id: somePatient().id,
      document_type: 'imaging_report',
      title: 'Chest X-ray',
      file_name: 'chest ü.png',
      mime_type: 'image/png',
    });
    const file = await fetch((await linkTo(body.data)).url);

    expect(body.data).toMatchObject({ file_size: 0, description: null });
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="chest _.png"');
    expect(await file.text()).toContain(
      `The sandbox holds no image/png file for document ${body.data.id}`,
    );
  });

  it('answers 400 listing every problem in details and fields', async () => {
    const { status, body } = await createDocument({
      document_type: 'x_ray',
      title: ' ',
      file_name: '../../etc/passwd',
      mime_type: 'pdf',
      file_size: -5,
    });

    expect(status).toBe(400);
    expect(body.details).toBe(
      [
        'patient_id is required',
        'document_type must be one of lab_result, referral_letter, discharge_summary, clinic_letter, imaging_report, consent_form, other',
        'title must not be empty',
        'file_name must be a bare file name without / or \\',
        'mime_type must be a media type such as application/pdf',
        'file_size must be a non-negative integer',
      ].join('; '),
    );
    expect(body.fields?.map((field) => field.field)).toEqual([
      'patient_id',
      'document_type',
      'title',
      'file_name',
      'mime_type',
      'file_size',
    ]);
  });

  it.each([
    [{ patient_id: 'pat_nobody' }, 'patient_id does not match any patient'],
    [{ file_name: 'folder\\name.pdf' }, 'file_name must be a bare file name without / or \\'],
    [{ file_name: '..' }, 'file_name must be a bare file name without / or \\'],
    [
      { mime_type: 'application/pdf; charset=binary' },
      'mime_type must be a media type such as application/pdf',
    ],
    [{ file_size: 1.5 }, 'file_size must be a non-negative integer'],
  ])('refuses %o', async (change, details) => {
    const { status, body } = await createDocument({
      patient_id: somePatient().id,
      document_type: 'other',
      title: 'Checked',
      file_name: 'checked.pdf',
      mime_type: 'application/pdf',
      ...change,
    });

    expect(status).toBe(400);
    expect(body.details).toBe(details);
  });

  it('needs write_documents', async () => {
    const { status, body } = await api.request<ErrorBody>('/documents', {
      method: 'POST',
      key: KEYS.readonly,
      json: {},
    });

    expect(status).toBe(403);
    expect(body.details).toBe('API key lacks the required scope: write_documents');
  });
});
