import { readFileSync } from 'node:fs';
import { toLocalTime } from '../src/domain/time-zone.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SandboxStore } from '../src/sandbox/store.js';
import { SANDBOX_ROUTES } from '../src/sandbox/routes/index.js';
import { startSandbox, type Sandbox } from '../src/sandbox/sandbox.js';
import { KEYS } from './support/keys.js';
import { resolvePointer, validate, type SchemaObject } from './support/openapi-schema.js';

interface MediaType {
  schema: SchemaObject;
}

interface ResponseObject {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}

type Ref = { $ref: string };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
}

interface Operation {
  operationId: string;
  description?: string;
  'x-required-scope'?: string | null;
  security?: Record<string, string[]>[];
  parameters?: (Parameter | Ref)[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject | Ref>;
}

type PathItem = Partial<Record<Method, Operation>> & { parameters?: (Parameter | Ref)[] };

interface OpenApiDocument {
  openapi: string;
  servers: { url: string; description?: string }[];
  paths: Record<string, PathItem>;
  components: Record<string, Record<string, unknown>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Method = (typeof METHODS)[number];

interface DescribedOperation {
  method: Method;
  path: string;
  pathItem: PathItem;
  operation: Operation;
}

const spec = parse(
  readFileSync(new URL('../schema/jump-openapi.yaml', import.meta.url), 'utf8'),
) as OpenApiDocument;

const operations: DescribedOperation[] = Object.entries(spec.paths).flatMap(([path, pathItem]) =>
  METHODS.flatMap((method) => {
    const operation = pathItem[method];

    return operation ? [{ method, path, pathItem, operation }] : [];
  }),
);

const operationIds = operations.map(({ operation }) => operation.operationId);
const getOperationIds = operations.filter((o) => o.method === 'get').map(idOf);
const writeOperationIds = operations.filter((o) => o.method !== 'get').map(idOf);
const bodyOperationIds = operations.filter((o) => o.operation.requestBody).map(idOf);

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimitPerHour: null });
});

afterAll(async () => {
  await sandbox.close();
});

describe('schema/jump-openapi.yaml', () => {
  it('is OpenAPI 3.0.3 served from Jump first and the standalone sandbox second', () => {
    expect(spec.openapi).toBe('3.0.3');
    expect(spec.servers.map((server) => server.url)).toEqual([
      'https://app.usejump.co.uk/functions/v1/api-v1',
      'http://127.0.0.1:4010/functions/v1/api-v1',
    ]);
    expect(spec.servers[1]?.description).toMatch(/standalone sandbox/);
  });

  it('lists X-Request-Id on every response', () => {
    for (const { operation } of operations) {
      for (const [code, entry] of Object.entries(operation.responses)) {
        const response = (
          '$ref' in entry ? resolvePointer(spec, entry.$ref) : entry
        ) as ResponseObject;

        expect(response.headers, `${operation.operationId} ${code}`).toHaveProperty('X-Request-Id');
      }
    }
  });

  it('uses no OpenAPI 3.1 type lists', () => {
    const listed = nodesOf(spec).filter((node) => Array.isArray(node.type));

    expect(listed).toEqual([]);
  });

  it('resolves every $ref to a component that exists', () => {
    for (const ref of refsOf(spec)) expect(() => resolvePointer(spec, ref), ref).not.toThrow();
  });

  it('uses every schema, response, parameter and header component it defines', () => {
    const used = new Set(refsOf(spec));
    const kinds = ['schemas', 'responses', 'parameters', 'headers'];
    const unused = kinds.flatMap((kind) =>
      Object.keys(spec.components[kind] ?? {})
        .map((name) => `#/components/${kind}/${name}`)
        .filter((ref) => !used.has(ref)),
    );

    expect(unused).toEqual([]);
  });

  it('lists null among the values of every nullable enum, as OpenAPI 3.0.3 requires', () => {
    const missingNull = nodesOf(spec).filter(
      (node) => node.nullable === true && Array.isArray(node.enum) && !node.enum.includes(null),
    );

    expect(missingNull).toEqual([]);
  });

  it('declares, as required, every parameter a path template names', () => {
    for (const { path, pathItem, operation } of operations) {
      const declared = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
        .map((parameter) =>
          '$ref' in parameter ? resolvePointer(spec, parameter.$ref) : parameter,
        )
        .filter((parameter): parameter is Parameter => (parameter as Parameter).in === 'path');
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

      expect(declared.map((parameter) => parameter.name).sort(), path).toEqual(named.sort());
      expect(
        declared.every((parameter) => parameter.required === true),
        path,
      ).toBe(true);
    }
  });
});

describe('every operation', () => {
  it('has a unique camelCase operationId', () => {
    expect(new Set(operationIds).size).toBe(operationIds.length);
    for (const id of operationIds) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
  });

  it('names the scope it needs in x-required-scope and in its description', () => {
    for (const { operation } of operations) {
      const scope = operation['x-required-scope'];
      if (scope === null) continue;

      expect(scope, operation.operationId).toMatch(/^(read|write)_[a-z_]+$/);
      expect(operation.description, operation.operationId).toContain(`\`${scope}\``);
    }
  });

  it('is secured by a bearer key, except the signed-link download, which needs no key or scope', () => {
    const scheme = spec.components.securitySchemes?.bearerAuth as Record<string, unknown>;
    expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(scheme.description).toMatch(/pk_live_.*pk_test_/s);

    for (const { operation } of operations) {
      const keyless = operation['x-required-scope'] === null;
      const expected = keyless ? [] : [{ bearerAuth: [] }];

      expect(operation.security, operation.operationId).toEqual(expected);
    }
    const keyless = operations.filter(({ operation }) => operation.security?.length === 0);
    expect(keyless.map(idOf)).toEqual(['getDocumentFile']);
  });

  it('describes one success and each error the sandbox can answer it with', () => {
    for (const { path, operation } of operations) {
      const codes = Object.keys(operation.responses);
      const expected = new Set<string>();
      if (operation.security?.length) ['401', '403', '429'].forEach((code) => expected.add(code));
      if (path.includes('{id}')) expected.add('404');
      if (operation.requestBody) ['400', '413'].forEach((code) => expected.add(code));
      if (operation.parameters?.some((p) => '$ref' in p && p.$ref.endsWith('/Limit'))) {
        expected.add('400');
      }
      if (takesIdempotencyKey(operation)) ['400', '409'].forEach((code) => expected.add(code));

      expect(
        codes.filter((code) => /^2\d\d$/.test(code)),
        operation.operationId,
      ).toHaveLength(1);
      expect(codes, operation.operationId).toEqual(expect.arrayContaining([...expected]));
    }
  });
});

describe('the routes described', () => {
  const served = SANDBOX_ROUTES.map((route) => ({
    key: `${route.method} ${route.pattern.replace(/:(\w+)/g, '{$1}')}`,
    route,
  }));
  const describedKeys = operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`);

  it('are exactly the routes the sandbox serves', () => {
    const servedKeys = served.map(({ key }) => key);
    const undescribed = servedKeys.filter((key) => !describedKeys.includes(key));
    const unserved = describedKeys.filter((key) => !servedKeys.includes(key));

    expect({ undescribed, unserved }).toEqual({ undescribed: [], unserved: [] });
  });

  it('need the scope the sandbox checks', () => {
    for (const { key, route } of served) {
      const described = operations[describedKeys.indexOf(key)];

      expect(described?.operation['x-required-scope'], key).toBe(route.scope);
    }
  });

  it('take an Idempotency-Key exactly where the sandbox honours one: on every create', () => {
    const honoured = served
      .filter(({ route }) => route.acceptsIdempotencyKey)
      .map(({ key }) => key);
    const described = operations
      .filter(({ operation }) => takesIdempotencyKey(operation))
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);

    expect(described).toEqual(honoured);
    expect(honoured).toEqual([
      'POST /patients',
      'POST /consultations',
      'POST /problems',
      'POST /prescriptions',
      'POST /appointments',
      'POST /documents',
      'POST /holds',
      'POST /holds/{id}/confirm',
    ]);
  });

  it('take a JSON body exactly where the sandbox reads one', () => {
    for (const { key, route } of served) {
      const described = operations[describedKeys.indexOf(key)];
      const content = described?.operation.requestBody?.content;

      expect(content ? Object.keys(content) : [], key).toEqual(
        route.body === 'json' ? ['application/json'] : [],
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Requests against the running sandbox

interface Answer {
  status: number;
  headers: Headers;
  mediaType: string;
  body: unknown;
  bytes: number;
}

interface CallOptions {
  method?: string;
  /** @default KEYS.full; null sends no Authorization header */
  key?: string | null;
  json?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

async function call(path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEYS.full : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.json === undefined ? options.raw : JSON.stringify(options.json),
  });
  const content = Buffer.from(await response.arrayBuffer());
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const body = mediaType === 'application/json' ? JSON.parse(content.toString('utf8')) : undefined;

  return {
    status: response.status,
    headers: response.headers,
    mediaType,
    body,
    bytes: content.length,
  };
}

/** A request to send for one operation, its prerequisites already made. */
interface Exchange {
  path: string;
  body?: Record<string, unknown>;
}

type RequestBuilder = () => Exchange | Promise<Exchange>;

const store = (): SandboxStore => sandbox.store;

const GET_REQUESTS: Record<string, RequestBuilder> = {
  listPatients: () => ({ path: '/patients?limit=20&offset=10&search=an' }),
  getPatient: () => ({ path: `/patients/${first(store().patients).id}` }),
  listConsultations: () => ({
    path: `/consultations?patient_id=${first(store().consultations).patient_id}`,
  }),
  getConsultation: () => ({ path: `/consultations/${first(store().consultations).id}` }),
  listProblems: () => {
    const problem = first(store().problems);

    return { path: `/problems?patient_id=${problem.patient_id}&status=${problem.status}` };
  },
  getProblem: () => ({ path: `/problems/${first(store().problems).id}` }),
  listPrescriptions: () => {
    const prescription = first(store().prescriptions);

    return {
      path: `/prescriptions?patient_id=${prescription.patient_id}&status=${prescription.status}`,
    };
  },
  getPrescription: () => ({ path: `/prescriptions/${first(store().prescriptions).id}` }),
  listAppointments: () => {
    const appointment = first(store().appointments);
    const filters = new URLSearchParams({
      clinician_id: appointment.clinician_profile_id,
      status_in: `${appointment.status},cancelled`,
      date_gte: appointment.start_time.slice(0, 10),
      date_lte: appointment.start_time,
    });

    return { path: `/appointments?${filters.toString()}` };
  },
  getAppointment: () => ({ path: `/appointments/${first(store().appointments).id}` }),
  listDocuments: () => {
    const document = first(store().documents);

    return {
      path: `/documents?patient_id=${document.patient_id}&document_type=${document.document_type}`,
    };
  },
  getDocument: () => ({ path: `/documents/${first(store().documents).id}` }),
  getDocumentDownload: () => ({ path: `/documents/${first(store().documents).id}/download` }),
  getDocumentFile: async () => {
    const link = await call(`/documents/${first(store().documents).id}/download`);
    const { url } = (link.body as { data: { url: string } }).data;

    return { path: url.slice(sandbox.url.length) };
  },
  listClinicians: () => {
    const ids = store()
      .clinicians.slice(0, 3)
      .map((clinician) => clinician.id);

    return { path: `/clinicians?id_in=${ids.join(',')}` };
  },
  getClinician: () => ({ path: `/clinicians/${first(store().clinicians).id}` }),
  listLocations: () => ({ path: '/locations' }),
  getLocation: () => ({ path: `/locations/${first(store().locations).id}` }),
  listAppointmentTypes: () => ({ path: '/appointment-types' }),
  getAppointmentType: () => ({ path: `/appointment-types/${first(store().appointmentTypes).id}` }),
  listAvailability: () => ({ path: availabilityPath() }),
  getHold: async () => ({ path: `/holds/${await holdFreeSlot()}` }),
};

const WRITE_REQUESTS: Record<string, RequestBuilder> = {
  createPatient: () => ({ path: '/patients', body: NEW_PATIENT }),
  updatePatient: async () => ({
    path: `/patients/${await created('/patients', NEW_PATIENT)}`,
    body: { archived_at: instant(Date.now() - 60_000), archive_reason: 'Moved out of area' },
  }),
  createConsultation: () => ({ path: '/consultations', body: newConsultation() }),
  updateConsultation: async () => ({
    path: `/consultations/${await created('/consultations', newConsultation())}`,
    body: { summary: 'Reviewed by phone a week later; settling.', status: 'completed' },
  }),
  createProblem: () => ({
    path: '/problems',
    body: {
      patient_id: currentPatient().id,
      problem_name: 'Asthma',
      snomed_code: '195967001',
      icd10_code: 'j45',
      severity: 'mild',
      onset_date: '2019-03-01',
    },
  }),
  createPrescription: () => ({ path: '/prescriptions', body: newPrescription() }),
  updatePrescription: async () => ({
    path: `/prescriptions/${await created('/prescriptions', newPrescription())}`,
    body: { status: 'stopped', notes: 'Stopped at asthma review' },
  }),
  createAppointment: () => ({ path: '/appointments', body: newAppointment() }),
  updateAppointment: async () => {
    const body = newAppointment();
    const moved = Date.parse(String(body.start_time)) + 30 * 60_000;

    return {
      path: `/appointments/${await created('/appointments', body)}`,
      body: { notes: 'Bring your inhaler', start_time: instant(moved) },
    };
  },
  cancelAppointment: async () => ({
    path: `/appointments/${await created('/appointments', newAppointment())}/cancel`,
    body: { cancellation_reason: 'Feeling better' },
  }),
  createDocument: () => ({
    path: '/documents',
    body: {
      patient_id: currentPatient().id,
      document_type: 'lab_result',
      title: 'Full blood count',
      file_name: 'fbc_2026-01-15.pdf',
      mime_type: 'application/pdf',
      file_size: 2048,
    },
  }),
  createHold: async () => ({ path: '/holds', body: await holdRequestForFreeSlot() }),
  releaseHold: async () => ({ path: `/holds/${await holdFreeSlot()}` }),
  confirmHold: async () => ({
    path: `/holds/${await holdFreeSlot()}/confirm`,
    body: { patient_id: currentPatient().id, notes: 'Booked from the widget' },
  }),
};

describe('GET answers from the sandbox', () => {
  it.each(getOperationIds)('%s answers a body its 200 response describes', async (id) => {
    const build = GET_REQUESTS[id];
    if (!build) throw new Error(`No request is written for ${id}; add one to GET_REQUESTS`);

    const exchange = await build();
    const answer = await call(exchange.path, { key: keyFor(id) });

    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expectDescribedAnswer(id, exchange.path, answer);
    const data = (answer.body as { data?: unknown } | undefined)?.data;
    if (Array.isArray(data)) expect(data.length, `${id} checked no records`).toBeGreaterThan(0);
  });
});

describe('write answers from the sandbox', () => {
  it.each(writeOperationIds)(
    '%s takes a body its request schema describes and answers as its success response describes',
    async (id) => {
      const build = WRITE_REQUESTS[id];
      if (!build) throw new Error(`No request is written for ${id}; add one to WRITE_REQUESTS`);

      const { operation, method } = described(id);
      const exchange = await build();
      const requestSchema = operation.requestBody?.content['application/json']?.schema;
      if (requestSchema) {
        expect(validate(spec, requestSchema, exchange.body, { closed: true })).toEqual([]);
      }
      const answer = await call(exchange.path, {
        method: method.toUpperCase(),
        json: exchange.body,
      });
      const success = Object.keys(operation.responses).find((code) => code.startsWith('2'));

      expect(String(answer.status), JSON.stringify(answer.body)).toBe(success);
      expectDescribedAnswer(id, exchange.path, answer);
    },
  );

  it.each(bodyOperationIds)(
    '%s reports as missing from an empty body exactly the fields its schema requires',
    async (id) => {
      const { operation, method } = described(id);
      const build = WRITE_REQUESTS[id];
      if (!build) throw new Error(`No request is written for ${id}; add one to WRITE_REQUESTS`);

      const { path } = await build();
      const schema = operation.requestBody?.content['application/json']?.schema ?? {};
      const { required = [] } = (schema.$ref ? resolvePointer(spec, schema.$ref) : schema) as {
        required?: string[];
      };
      const answer = await call(path, { method: method.toUpperCase(), json: {} });
      const fields = (answer.body as { fields?: { field: string; message: string }[] }).fields;
      const missing = (fields ?? [])
        .filter(({ field, message }) => message === `${field} is required`)
        .map(({ field }) => field);

      expect(missing.sort()).toEqual([...required].sort());
      if (required.length > 0) expectDescribedAnswer(id, path, answer);
    },
  );
});

interface ErrorCase {
  operationId: string;
  status: number;
  why: string;
  send: () => Promise<Exchange & CallOptions> | (Exchange & CallOptions);
}

const ERROR_CASES: ErrorCase[] = [
  {
    operationId: 'getPatient',
    status: 404,
    why: 'an unknown id',
    send: () => ({ path: '/patients/pat_000000000000000000000000' }),
  },
  {
    operationId: 'getPatient',
    status: 403,
    why: 'a key without read_patients',
    send: () => ({ path: `/patients/${first(store().patients).id}`, key: KEYS.marketplace }),
  },
  {
    operationId: 'getDocumentFile',
    status: 403,
    why: 'a forged signature',
    send: () => ({
      path: `/document-files/${first(store().documents).id}?expires=4102444800&signature=${'0'.repeat(64)}`,
      key: null,
    }),
  },
  {
    operationId: 'listAvailability',
    status: 404,
    why: 'an unknown appointment type',
    send: () => ({ path: availabilityPath('type_000000000000000000000000') }),
  },
  {
    operationId: 'getPatient',
    status: 401,
    why: 'no key',
    send: () => ({ path: `/patients/${first(store().patients).id}`, key: null }),
  },
  {
    operationId: 'listPatients',
    status: 401,
    why: 'a revoked key',
    send: () => ({ path: '/patients', key: KEYS.revoked }),
  },
  {
    operationId: 'listPatients',
    status: 400,
    why: 'a limit over 100',
    send: () => ({ path: '/patients?limit=101' }),
  },
  {
    operationId: 'createPatient',
    status: 400,
    why: 'a date of birth in the future, listed in fields',
    send: () => ({
      path: '/patients',
      method: 'POST',
      json: { ...NEW_PATIENT, date_of_birth: '2999-01-01' },
    }),
  },
  {
    operationId: 'createPatient',
    status: 413,
    why: 'a body over 1 MiB',
    send: () => ({
      path: '/patients',
      method: 'POST',
      raw: JSON.stringify({ ...NEW_PATIENT, notes: 'x'.repeat(1_100_000) }),
    }),
  },
  {
    operationId: 'createPatient',
    status: 409,
    why: 'an Idempotency-Key already used with another body',
    send: async () => {
      const headers = { 'Idempotency-Key': 'openapi-conflict' };
      await call('/patients', { method: 'POST', json: NEW_PATIENT, headers });

      return {
        path: '/patients',
        method: 'POST',
        json: { ...NEW_PATIENT, first_name: 'Bo' },
        headers,
      };
    },
  },
  {
    operationId: 'createHold',
    status: 400,
    why: 'an Idempotency-Key that is not visible ASCII',
    send: async () => ({
      path: '/holds',
      method: 'POST',
      json: await holdRequestForFreeSlot(),
      headers: { 'Idempotency-Key': 'two words' },
    }),
  },
  {
    operationId: 'cancelAppointment',
    status: 409,
    why: 'an appointment already cancelled',
    send: async () => {
      const path = `/appointments/${await created('/appointments', newAppointment())}/cancel`;
      const json = { cancellation_reason: 'Feeling better' };
      await call(path, { method: 'POST', json });

      return { path, method: 'POST', json };
    },
  },
  {
    operationId: 'releaseHold',
    status: 409,
    why: 'a hold already released',
    send: async () => {
      const path = `/holds/${await holdFreeSlot()}`;
      await call(path, { method: 'DELETE' });

      return { path, method: 'DELETE' };
    },
  },
];

describe('error answers from the sandbox', () => {
  const cases = ERROR_CASES.map(
    (c) => [`${c.operationId} answers ${c.status} for ${c.why}`, c] as const,
  );

  it.each(cases)(
    '%s, with the flat error body it describes',
    async (_, { operationId, status, send }) => {
      const { path, ...options } = await send();
      const answer = await call(path, options);

      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expectDescribedAnswer(operationId, path, answer);
      const body = answer.body as { request_id: string };
      expect(body.request_id).toBe(answer.headers.get('x-request-id'));
    },
  );

  describe('past the hourly quota', () => {
    let limited: Sandbox;

    beforeAll(async () => {
      limited = await startSandbox({ rateLimitPerHour: 1, patientCount: 1 });
    });

    afterAll(async () => {
      await limited.close();
    });

    it('listClinicians answers 429 with the flat error body it describes', async () => {
      const headers = { Authorization: `Bearer ${KEYS.full}` };
      await fetch(`${limited.url}/clinicians`, { headers });
      const response = await fetch(`${limited.url}/clinicians`, { headers });
      const answer: Answer = {
        status: response.status,
        headers: response.headers,
        mediaType: 'application/json',
        body: await response.json(),
        bytes: 0,
      };

      expect(answer.status).toBe(429);
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
      expectDescribedAnswer('listClinicians', '/clinicians', answer);
    });
  });
});

describe('the schema validator these tests use', () => {
  const patientSchema: SchemaObject = { $ref: '#/components/schemas/Patient' };

  it('accepts a real patient and reports a mistyped and a missing field by JSON path', () => {
    const patient: Record<string, unknown> = { ...first(store().patients), first_name: 42 };
    delete patient.date_of_birth;

    expect(validate(spec, patientSchema, first(store().patients))).toEqual([]);
    expect(validate(spec, { type: 'array', items: patientSchema }, [patient])).toEqual([
      '$[0]: missing required property date_of_birth',
      '$[0].first_name: expected string, got integer',
    ]);
  });

  it('reports a null where the schema is not nullable, a value outside an enum and a bad date', () => {
    const patient = {
      ...first(store().patients),
      id: null,
      gender: 'unknown',
      created_at: '2026-01-15 10:00',
    };

    expect(validate(spec, patientSchema, patient)).toEqual([
      '$.id: is null, but the schema is not nullable',
      '$.gender: "unknown" is not one of ["male","female","other",null]',
      '$.created_at: "2026-01-15 10:00" is not a date-time',
    ]);
  });

  it('reports undescribed properties only when asked to treat objects as closed', () => {
    const patient = { ...first(store().patients), shoe_size: 9 };

    expect(validate(spec, patientSchema, patient)).toEqual([]);
    expect(validate(spec, patientSchema, patient, { closed: true })).toEqual([
      '$: property shoe_size is not described',
    ]);
  });

  it('refuses a schema keyword it does not implement rather than ignoring it', () => {
    const schema = { type: 'string', oneOf: [] } as SchemaObject;

    expect(() => validate(spec, schema, 'x')).toThrow(/does not implement the keyword "oneOf"/);
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers

function idOf({ operation }: DescribedOperation): string {
  return operation.operationId;
}

function takesIdempotencyKey(operation: Operation): boolean {
  return (operation.parameters ?? []).some(
    (parameter) =>
      '$ref' in parameter && parameter.$ref === '#/components/parameters/IdempotencyKey',
  );
}

function described(operationId: string): DescribedOperation {
  const found = operations.find(({ operation }) => operation.operationId === operationId);
  if (!found) throw new Error(`The description has no operation ${operationId}`);

  return found;
}

/**
 * Fails unless the operation describes the answer's status, the answer carries every header that
 * response lists, and its body matches the response's schema with no undescribed property.
 */
function expectDescribedAnswer(operationId: string, path: string, answer: Answer): void {
  const { operation, path: template } = described(operationId);
  const context = `${operationId} ${answer.status} (${path})`;
  expect(fitsTemplate(template, path), `${context}: the path is not ${template}`).toBe(true);
  const entry = operation.responses[String(answer.status)];
  if (!entry) throw new Error(`${context}: the operation describes no ${answer.status} response`);

  const response = ('$ref' in entry ? resolvePointer(spec, entry.$ref) : entry) as ResponseObject;
  for (const header of Object.keys(response.headers ?? {})) {
    expect(answer.headers.get(header), `${context}: header ${header}`).not.toBeNull();
  }
  const media = mediaFor(response, answer.mediaType);
  if (!media) throw new Error(`${context}: no content is described for ${answer.mediaType}`);

  if (answer.mediaType !== 'application/json') {
    expect(media.schema).toEqual({ type: 'string', format: 'binary' });
    expect(answer.bytes, context).toBeGreaterThan(0);
    return;
  }
  expect(validate(spec, media.schema, answer.body, { closed: true }), context).toEqual([]);
}

function fitsTemplate(template: string, path: string): boolean {
  const pattern = template.replace(/\{\w+\}/g, '[^/?]+');

  return new RegExp(`^${pattern}(\\?.*)?$`).test(path);
}

/** The described content for a media type, by exact name or by a range such as `text/*`. */
function mediaFor(response: ResponseObject, mediaType: string): MediaType | undefined {
  const content = response.content ?? {};
  const range = `${mediaType.split('/')[0]}/*`;

  return content[mediaType] ?? content[range];
}

/** Every object node in the document, for whole-document checks. */
function nodesOf(node: unknown): Record<string, unknown>[] {
  if (typeof node !== 'object' || node === null) return [];

  const children = Object.values(node).flatMap(nodesOf);

  return Array.isArray(node) ? children : [node as Record<string, unknown>, ...children];
}

function refsOf(document: unknown): string[] {
  return nodesOf(document).flatMap((node) => (typeof node.$ref === 'string' ? [node.$ref] : []));
}

function first<T>(records: readonly T[]): T {
  const record = records[0];
  if (record === undefined) throw new Error('The sandbox generated no records of this kind');

  return record;
}

function keyFor(operationId: string): string | null {
  return described(operationId).operation.security?.length === 0 ? null : KEYS.full;
}

function instant(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const NEW_PATIENT = {
  first_name: 'Ada',
  last_name: 'Okafor',
  date_of_birth: '1987-06-14',
  nhs_number: '9434765919',
  email: 'ada.okafor@example.com',
  phone: '+44 7700 900123',
  address_line_1: '12 Mill Lane',
  city: 'Leeds',
  postcode: 'ls1 4ap',
  gender: 'female',
  custom_fields: { preferred_contact: 'email' },
};

function currentPatient() {
  const patient = store().patients.find((candidate) => candidate.archived_at === null);
  if (!patient) throw new Error('Every generated patient is archived');

  return patient;
}

function newConsultation(): Record<string, unknown> {
  return {
    patient_id: currentPatient().id,
    consultation_date: '2026-01-15',
    consultation_time: '14:30',
    consultation_type_code: '185345009',
    chief_complaint: 'Wheeze at night',
    summary: 'Likely asthma; peak flow diary started.',
  };
}

function newPrescription(): Record<string, unknown> {
  return {
    patient_id: currentPatient().id,
    medication_name: 'Salbutamol',
    dosage: '100',
    dosage_unit: 'micrograms',
    frequency: 'two puffs as required',
    route: 'inhaled',
    quantity: 1,
  };
}

let appointmentsBooked = 0;

/** An in-person booking an hour after the last one, years ahead, so no two ever clash. */
function newAppointment(): Record<string, unknown> {
  const clinician = store().clinicians.find((candidate) => candidate.is_active);
  const location = store().locations.find((candidate) => candidate.is_active);
  const type = store().appointmentTypes.find((candidate) => candidate.is_active);
  if (!clinician || !location || !type) throw new Error('No active clinician, location or type');

  appointmentsBooked += 1;

  return {
    patient_id: currentPatient().id,
    clinician_profile_id: clinician.id,
    appointment_type_id: type.id,
    location_id: location.id,
    start_time: instant(Date.UTC(2031, 0, 6, 9) + appointmentsBooked * 3_600_000),
  };
}

/** Creates a record through the API and answers its id. */
async function created(path: string, body: Record<string, unknown>): Promise<string> {
  const answer = await call(path, { method: 'POST', json: body });
  if (answer.status !== 201) throw new Error(`POST ${path}: ${JSON.stringify(answer.body)}`);

  return (answer.body as { data: { id: string } }).data.id;
}

function onlineType() {
  const type = store().appointmentTypes.find((t) => t.is_active && t.allow_online_booking);
  if (!type) throw new Error('No appointment type can be booked online');

  return type;
}

/** Monday to Wednesday of the first week starting at least a week from now. */
function availabilityPath(typeId = onlineType().id): string {
  const day = 86_400_000;
  let start = Date.now() + 7 * day;
  while (new Date(start).getUTCDay() !== 1) start += day;
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const params = new URLSearchParams({
    appointment_type_id: typeId,
    start_date: date(start),
    end_date: date(start + 2 * day),
  });

  return `/availability?${params.toString()}`;
}

/** A `POST /holds` body for the first slot availability offers; a held slot is offered no more. */
async function holdRequestForFreeSlot(): Promise<Record<string, unknown>> {
  const answer = await call(availabilityPath());
  const slot = (answer.body as { data: { start_time: string; clinician_id: string }[] }).data[0];
  if (!slot) throw new Error(`No free slot: ${JSON.stringify(answer.body)}`);

  const local = toLocalTime(new Date(slot.start_time), 'Europe/London');

  return {
    appointment_type_id: onlineType().id,
    clinician_id: slot.clinician_id,
    date: local.date,
    start_time: local.time,
  };
}

async function holdFreeSlot(): Promise<string> {
  return created('/holds', await holdRequestForFreeSlot());
}
