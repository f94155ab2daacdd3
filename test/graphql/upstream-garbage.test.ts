import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedUpstream } from '../support/scripted-upstream.js';
import { startFacade } from '../support/stack.js';

const KEY = 'pk_test_reflected_secret';
let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
let facade: Awaited<ReturnType<typeof startFacade>>;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  facade = await startFacade(upstream.url, { operationDeadlineMs: 1_000 });
});
afterEach(() => {
  upstream.assertDrained();
  upstream.received.length = 0;
});
afterAll(async () => {
  await facade.close();
  await upstream.close();
});

const query = (text: string) => facade.query(text, { key: KEY });
const patient = (fields: Record<string, unknown>) => ({
  body: { data: { id: 'pat_1', first_name: 'Ada', ...fields } },
});

describe('an upstream that reflects the caller’s key', () => {
  it('never lets it reach the client through request_id, fields or the message', async () => {
    upstream.reply(
      {
        status: 401,
        body: { error: 'Unauthorized', details: `bad ${KEY}`, request_id: `Bearer ${KEY}` },
      },
      { status: 404, headers: { 'x-request-id': KEY }, body: '' },
      {
        status: 422,
        body: { error: 'Unprocessable', fields: [{ field: KEY, message: `value ${KEY} bad` }] },
      },
    );
    const answers = [
      await query('{ patient(id: "a") { id } }'),
      await query('{ patient(id: "b") { id } }'),
      await query(
        'mutation { createPatient(input: { firstName: "A", lastName: "B", dateOfBirth: "1990-01-01" }) { id } }',
      ),
    ];

    expect(answers.map((answer) => answer.body.errors?.[0]?.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
      'NOT_FOUND',
      'BAD_USER_INPUT',
    ]);
    expect(JSON.stringify(answers.map((answer) => answer.body))).not.toContain('reflected_secret');
  });
});

describe('values that cannot be what Jump documents', () => {
  it('read as null instead of failing the object', async () => {
    upstream.reply(
      patient({
        gender: 'constructor',
        date_of_birth: '2020-13-45x',
        created_at: 'yesterday',
        custom_fields: JSON.parse('{"a":'.repeat(50) + '1' + '}'.repeat(50)),
      }),
    );
    const { body } = await query(
      '{ patient(id: "pat_1") { id firstName gender genderRaw dateOfBirth createdAt customFields } }',
    );

    expect(body.errors).toBeUndefined();
    expect(body.data?.patient).toEqual({
      id: 'pat_1',
      firstName: 'Ada',
      gender: null,
      genderRaw: 'constructor',
      dateOfBirth: null,
      createdAt: null,
      customFields: null,
    });
  });

  it('report a reference id that cannot be an id as UPSTREAM_ERROR on that field alone', async () => {
    upstream.reply({ body: { data: { id: 'con_1', patient_id: '..', summary: 'ok' } } });
    const { body } = await query('{ consultation(id: "con_1") { id summary patient { id } } }');

    expect(body.data).toEqual({ consultation: { id: 'con_1', summary: 'ok', patient: null } });
    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(body.errors?.[0]?.path).toEqual(['consultation', 'patient']);
  });
});

describe('pages that do not add up', () => {
  it('trims a page longer than asked for and treats an absurd total as unknown', async () => {
    const data = Array.from({ length: 50 }, (_, index) => ({ id: `pat_${index}` }));
    upstream.reply({
      body: { data, pagination: { total: 1e12, limit: 100, offset: 0, has_more: true } },
    });
    const { body } = await query(
      '{ patients(first: 5) { totalCount nodes { id } pageInfo { hasNextPage } } }',
    );

    expect(body.errors).toBeUndefined();
    expect(body.data?.patients).toMatchObject({
      totalCount: null,
      pageInfo: { hasNextPage: true },
    });
    expect((body.data?.patients as { nodes: unknown[] }).nodes).toHaveLength(5);
  });

  it('never promises a next page it cannot reach', async () => {
    upstream.reply({
      body: { data: [], pagination: { total: 3, limit: 20, offset: 0, has_more: true } },
    });
    const { body } = await query('{ patients { pageInfo { hasNextPage endCursor } } }');

    expect(body.data?.patients).toEqual({ pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('treats a redirect as an upstream error and does not follow it', async () => {
    upstream.reply({
      status: 302,
      headers: { location: 'http://127.0.0.1:1/elsewhere' },
      body: { data: [] },
    });
    const { body } = await query('{ patients { totalCount } }');

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstreamStatus: 302,
    });
    expect(upstream.received).toHaveLength(1);
  });
});

describe('an upstream that reflects the key in disguise', () => {
  it.each([
    ['upper case', KEY.toUpperCase()],
    ['split by a zero-width space', `pk\u200b_test_reflected_secret`],
    ['with hyphens', 'pk-test-reflected_secret'],
    ['its secret part alone', 'reflected_secret'],
  ])('takes it out of the message and extensions when written in %s', async (_, form) => {
    upstream.reply({
      status: 422,
      body: { error: `bad ${form}`, fields: [{ field: 'x', message: `value ${form}` }] },
    });
    const answer = await query(
      'mutation { createPatient(input: { firstName: "A", lastName: "B", dateOfBirth: "1990-01-01" }) { id } }',
    );
    const text = JSON.stringify(answer.body)
      .toLowerCase()
      .replace(/\u200b/g, '');

    expect(answer.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(text).not.toContain('reflected_secret');
  });
});

describe('runaway error answers', () => {
  it('cut Jump’s message to 500 characters and its field list to 50 entries', async () => {
    const fields = Array.from({ length: 2_000 }, (_, index) => ({
      field: `f${index}`,
      message: 'm'.repeat(1_000),
    }));
    upstream.reply({ status: 422, body: { error: 'e'.repeat(100_000), fields } });
    const answer = await query(
      'mutation { createPatient(input: { firstName: "A", lastName: "B", dateOfBirth: "1990-01-01" }) { id } }',
    );
    const [error] = answer.body.errors ?? [];
    const reported = error?.extensions?.fields as Array<{ message: string }>;

    expect(error?.message.length).toBeLessThan(600);
    expect(reported).toHaveLength(50);
    expect(reported[0]?.message.length).toBeLessThan(510);
  });
});

describe('links and zones Jump should never send', () => {
  it('refuses a download link that is not http(s), so no javascript: link reaches a browser', async () => {
    upstream.reply(
      { body: { data: { id: 'doc_1', title: 'Letter' } } },
      { body: { data: { url: 'javascript:alert(1)', expires_at: '2026-01-01T00:00:00Z' } } },
    );
    const answer = await query('{ document(id: "doc_1") { title downloadUrl } }');

    expect(answer.body.data?.document).toEqual({ title: 'Letter', downloadUrl: null });
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
  });

  it('shows the practice’s zone for a location whose zone does not exist', async () => {
    upstream.reply({ body: { data: { id: 'loc_1', name: 'Mars', timezone: 'Mars/Olympus' } } });
    const answer = await query('{ location(id: "loc_1") { name timeZone } }');

    expect(answer.body.data?.location).toEqual({ name: 'Mars', timeZone: 'Europe/London' });
  });
});

describe('a made-up key', () => {
  it('costs Jump one call however many fields the operation has', async () => {
    upstream.reply({ status: 401, body: { error: 'Unauthorized', request_id: 'req_bad' } });
    const fields = Array.from({ length: 20 }, (_, index) => `p${index}: patients { totalCount }`);
    const answer = await facade.query(`{ ${fields.join(' ')} }`, { key: 'pk_test_made_up_key' });

    expect(upstream.received).toHaveLength(1);
    expect(answer.body.errors).toHaveLength(20);
    for (const error of answer.body.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'UNAUTHENTICATED', request_id: 'req_bad' });
    }
  });
});

describe('a write whose connection breaks', () => {
  it('says the write may have been applied and how to retry it safely', async () => {
    upstream.reply({ reset: true });
    const answer = await query(
      'mutation { createPatient(input: { firstName: "A", lastName: "B", dateOfBirth: "1990-01-01" }) { id } }',
    );

    expect(upstream.received).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(answer.body.errors?.[0]?.message).toContain(
      'the write may or may not have been applied: retry it only with the Idempotency-Key it was sent with, or check first',
    );
  });
});

describe('an answer about another record', () => {
  it('is refused rather than shown under the id that was asked for', async () => {
    upstream.reply({ body: { data: { id: 'pat_OTHER_PERSON', first_name: 'Someone' } } });
    const answer = await query('{ patient(id: "pat_1") { id firstName } }');

    expect(answer.body.data?.patient).toBeNull();
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(JSON.stringify(answer.body)).not.toContain('Someone');
  });
});
