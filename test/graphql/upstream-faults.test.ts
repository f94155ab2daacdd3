import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FaultRule } from '../../src/sandbox/faults/fault-rule.js';
import { startFacade, startStack } from '../support/stack.js';
import type { GraphQLResponse, Stack } from '../support/stack.js';

// Every fault is injected by the real sandbox on one route, `/patients/{id}`, while the same
// operation also lists consultations, so each test shows the failed field, the field that still
// answers, and how many times the facade tried.
let stack: Stack;
let patientId: string;

beforeAll(async () => {
  stack = await startStack({
    sandbox: { patientCount: 40 },
    config: {
      upstreamTimeouts: { connectMs: 1_000, headersMs: 400, bodyMs: 400 },
      operationDeadlineMs: 5_000,
    },
  });
  const { body } = await stack.query<{ patients: { nodes: Array<{ id: string }> } }>(
    '{ patients(first: 1) { nodes { id } } }',
  );
  patientId = body.data?.patients.nodes[0]?.id ?? '';
});
beforeEach(() => stack.sandbox.resetCalls());
afterEach(() => stack.sandbox.faults.clear());
afterAll(() => stack.close());

type RecordAnswer = GraphQLResponse<{
  patient: { id: string; lastName: string } | null;
  consultations: { nodes: Array<{ id: string }> };
}>;

const RECORD = `query Record($id: ID!) {
  patient(id: $id) { id lastName }
  consultations(first: 2) { nodes { id } }
}`;

const readRecord = (): Promise<RecordAnswer> =>
  stack.query(RECORD, { variables: { id: patientId } });

function inject(rule: FaultRule) {
  return stack.sandbox.faults.inject({ path: '/patients/:id', ...rule } as FaultRule);
}

/** The sandbox's record of every attempt at the faulted route. */
const attempts = () =>
  stack.sandbox.calls.filter((call) => call.method === 'GET' && call.path.startsWith('/patients/'));

/** The failed patient field and the consultations that still answered. */
function expectPartial(answer: RecordAnswer, code: string) {
  expect(answer.status).toBe(200);
  expect(answer.body.data?.patient).toBeNull();
  expect(answer.body.data?.consultations.nodes).toHaveLength(2);
  expect(answer.body.errors).toHaveLength(1);
  const [error] = answer.body.errors ?? [];
  expect(error?.path).toEqual(['patient']);
  expect(error?.extensions?.code).toBe(code);

  return error?.extensions ?? {};
}

describe('error statuses from Jump', () => {
  it.each([502, 503, 504])(
    'retries a read twice on %i, then fails with UPSTREAM_UNAVAILABLE and the last request_id',
    async (status) => {
      inject({ fault: 'status', status });
      const extensions = expectPartial(await readRecord(), 'UPSTREAM_UNAVAILABLE');

      expect(attempts()).toHaveLength(3);
      expect(extensions.request_id).toBe(attempts()[2]?.requestId);
      expect(extensions.upstreamStatus).toBe(status);
    },
  );

  it('succeeds on the third attempt after two 503s, with no error at all', async () => {
    inject({ fault: 'status', status: 503, times: 2 });
    const answer = await readRecord();

    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.patient?.id).toBe(patientId);
    expect(attempts().map((call) => call.status)).toEqual([503, 503, 200]);
  });

  it('reads the request_id from the NEWER error envelope too', async () => {
    inject({ fault: 'status', status: 503, shape: 'newer' });
    const extensions = expectPartial(await readRecord(), 'UPSTREAM_UNAVAILABLE');

    expect(extensions.request_id).toBe(attempts()[2]?.requestId);
  });

  it('does not retry a 500, which is not a gateway fault: UPSTREAM_ERROR after one attempt', async () => {
    inject({ fault: 'status', status: 500 });
    const extensions = expectPartial(await readRecord(), 'UPSTREAM_ERROR');

    expect(attempts()).toHaveLength(1);
    expect(extensions.request_id).toBe(attempts()[0]?.requestId);
  });

  it('fails a 429 at once with RATE_LIMITED and retryAfter from Retry-After, never retrying', async () => {
    inject({ fault: 'status', status: 429 });
    const extensions = expectPartial(await readRecord(), 'RATE_LIMITED');

    expect(attempts()).toHaveLength(1);
    expect(extensions.retryAfter).toBe(1);
    expect(extensions.request_id).toBe(attempts()[0]?.requestId);
  });

  it('leaves retryAfter out when Jump’s 429 carries no Retry-After', async () => {
    inject({ fault: 'status', status: 429, retryAfter: null });
    const extensions = expectPartial(await readRecord(), 'RATE_LIMITED');

    expect(extensions).not.toHaveProperty('retryAfter');
    expect(attempts()).toHaveLength(1);
  });

  it('treats a proxy’s HTML 502 page as UPSTREAM_UNAVAILABLE with no request_id', async () => {
    inject({ fault: 'proxy-502' });
    const extensions = expectPartial(await readRecord(), 'UPSTREAM_UNAVAILABLE');

    expect(attempts()).toHaveLength(3);
    expect(extensions.request_id).toBeNull();
  });
});

describe('broken connections', () => {
  it('retries a reset connection twice, then fails with UPSTREAM_UNAVAILABLE', async () => {
    inject({ fault: 'reset' });
    const extensions = expectPartial(await readRecord(), 'UPSTREAM_UNAVAILABLE');

    expect(attempts()).toHaveLength(3);
    expect(extensions.request_id).toBeNull();
  });

  it('gets past a single reset with one more attempt', async () => {
    inject({ fault: 'reset', times: 1 });
    const answer = await readRecord();

    expect(answer.body.errors).toBeUndefined();
    expect(attempts().map((call) => call.fault)).toEqual(['reset', null]);
  });

  it('keeps answering when Jump closes each pooled socket straight after answering', async () => {
    stack.sandbox.faults.inject({ fault: 'close-after-response' });
    const answers: RecordAnswer[] = [];
    for (let round = 0; round < 8; round += 1) {
      answers.push(await readRecord());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    for (const answer of answers) {
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data?.patient?.id).toBe(patientId);
    }
  });
});

describe('bodies that are not Jump’s answer', () => {
  it.each([
    ['truncated JSON', 'truncated-json'],
    ['an HTML page', 'html'],
    ['an empty body', 'empty-body'],
    ['JSON that is not an envelope', 'non-envelope-json'],
  ] as const)(
    'fails a 200 with %s as UPSTREAM_ERROR, once, with Jump’s request_id',
    async (_, fault) => {
      inject({ fault });
      const extensions = expectPartial(await readRecord(), 'UPSTREAM_ERROR');

      expect(attempts()).toHaveLength(1);
      expect(extensions.request_id).toBe(attempts()[0]?.requestId);
    },
  );
});

describe('timeouts', () => {
  it('fails with UPSTREAM_TIMEOUT when Jump never sends headers, within the headers timeout', async () => {
    inject({ fault: 'stall-headers' });
    const started = performance.now();
    const extensions = expectPartial(await readRecord(), 'UPSTREAM_TIMEOUT');
    const elapsed = performance.now() - started;
    stack.sandbox.faults.clear();
    const next = await readRecord();

    expect(attempts().filter((call) => call.fault === 'stall-headers')).toHaveLength(1);
    expect(extensions.request_id).toBeNull();
    expect(elapsed).toBeLessThan(3_000);
    expect(next.body.errors).toBeUndefined();
  });

  it('fails with UPSTREAM_TIMEOUT when Jump stops halfway through the body', async () => {
    inject({ fault: 'stall-body' });
    const answer = await readRecord();
    expectPartial(answer, 'UPSTREAM_TIMEOUT');

    expect(answer.body.errors?.[0]?.message).toBe('Jump stopped sending its answer');
    expect(attempts()).toHaveLength(1);
  });

  it('ends the operation at OPERATION_DEADLINE_MS though each call is within its own timeouts', async () => {
    const strict = await startFacade(stack.sandbox.url, {
      upstreamTimeouts: { connectMs: 5_000, headersMs: 5_000, bodyMs: 5_000 },
      operationDeadlineMs: 300,
    });
    inject({ fault: 'latency', ms: 1_500 });
    const started = performance.now();
    const answer: RecordAnswer = await strict.query(RECORD, { variables: { id: patientId } });
    await strict.close();

    expectPartial(answer, 'UPSTREAM_TIMEOUT');
    expect(answer.body.errors?.[0]?.message).toBe(
      'The operation’s deadline passed before Jump answered',
    );
    expect(performance.now() - started).toBeLessThan(1_200);
  });
});

describe('writes under faults', () => {
  const CREATE = `mutation Create($input: CreatePatientInput!) {
    createPatient(input: $input) { id lastName }
  }`;
  const input = { firstName: 'Ffion', lastName: 'Pryce', dateOfBirth: '1990-04-02' };
  const creates = () =>
    stack.sandbox.calls.filter((call) => call.method === 'POST' && call.path === '/patients');

  it.each([
    ['a 503', { fault: 'status', status: 503 }],
    ['a reset', { fault: 'reset' }],
  ] as const)('never retries a create after %s: one attempt, then the error', async (_, fault) => {
    stack.sandbox.faults.inject({ path: '/patients', method: 'POST', ...fault } as FaultRule);
    const answer = await stack.query<{ createPatient: unknown }>(CREATE, { variables: { input } });

    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(creates()).toHaveLength(1);
  });

  it('replays a create sent again with the same Idempotency-Key instead of creating twice', async () => {
    const before = stack.sandbox.store.patients.length;
    const headers = { 'idempotency-key': `client-retry-${Date.now()}` };
    const send = () =>
      stack.query<{ createPatient: { id: string } }>(CREATE, { variables: { input }, headers });
    const first = await send();
    const second = await send();
    const changed = await stack.query<{ createPatient: unknown }>(CREATE, {
      variables: { input: { ...input, lastName: 'Other' } },
      headers,
    });

    expect(first.body.errors).toBeUndefined();
    expect(second.body.data?.createPatient.id).toBe(first.body.data?.createPatient.id);
    expect(stack.sandbox.store.patients.length).toBe(before + 1);
    expect(changed.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      request_id: creates()[2]?.requestId,
    });
  });
});

describe('the request id', () => {
  it('is sent upstream on every call of the operation and returned to the client', async () => {
    const answer = await readRecord();
    const id = answer.headers.get('x-request-id');

    expect(id).toMatch(/^fac_[0-9a-f]{32}$/);
    expect(stack.sandbox.calls.length).toBeGreaterThan(1);
    for (const call of stack.sandbox.calls) {
      expect(call.callerRequestId).toBe(id);
    }
  });
});

describe('a Jump that accepts connections but never completes the TLS handshake', () => {
  it('fails with UPSTREAM_TIMEOUT at the connect timeout, after retrying the read twice', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const facade = await startFacade(`https://127.0.0.1:${port}/functions/v1/api-v1`, {
      upstreamTimeouts: { connectMs: 200, headersMs: 5_000, bodyMs: 5_000 },
      operationDeadlineMs: 5_000,
    });
    const answer = await facade.query<{ patient: unknown }>('{ patient(id: "pat_1") { id } }');
    await facade.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));

    expect(answer.body.data?.patient).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    expect(answer.body.errors?.[0]?.message).toBe('Jump did not accept a connection in time');
    expect(sockets).toHaveLength(3);
  });
});
