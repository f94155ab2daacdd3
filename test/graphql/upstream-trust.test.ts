import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedUpstream } from '../support/scripted-upstream.js';
import type { ScriptedReply } from '../support/scripted-upstream.js';
import { startFacade } from '../support/stack.js';

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

const ask = (query: string, key = 'pk_test_trust_a') => facade.query(query, { key });
const list = (data: unknown[]): ScriptedReply => ({
  body: { data, pagination: { total: data.length, limit: 100, offset: 0, has_more: false } },
});
const paths = () =>
  upstream.received.map((request) => `${request.method} ${request.url.split('/api-v1')[1]}`);

describe('holds Jump places at another time, or at no stated time', () => {
  const hold = `mutation { createHold(input: { appointmentTypeId: "type_1", clinicianId: "cli_1",
    startTime: "2026-12-09T09:00:00Z" }) { id } }`;

  it.each([
    ['a different instant', '2026-12-09T10:00:00Z'],
    ['no zone', '2026-12-09T09:00:00'],
    ['no start at all', undefined],
  ])('are released and reported when Jump answers %s', async (_label, start) => {
    upstream.reply(
      { status: 201, body: { data: { id: 'hold_1', status: 'active', start_time: start } } },
      { body: { data: { id: 'hold_1', status: 'released' } } },
    );
    const { body } = await ask(hold);

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      holdId: 'hold_1',
      released: true,
    });
    expect(body.errors?.[0]?.message).toContain('the hold was released');
    expect(paths()).toEqual(['POST /holds', 'DELETE /holds/hold_1']);
  });
});

describe('local times when the location cannot be read', () => {
  it('fail the field rather than guess a zone when Jump is unavailable', async () => {
    upstream.reply(
      list([
        {
          start_time: '2026-12-09T15:00:00Z',
          end_time: '2026-12-09T15:15:00Z',
          clinician_id: 'cli_1',
          location_id: 'loc_ny',
        },
      ]),
      { status: 503, body: '' },
      { status: 503, body: '' },
      { status: 503, body: '' },
    );
    const { body } = await ask(
      '{ availability(appointmentTypeId: "t", startDate: "2026-12-09", endDate: "2026-12-09") { startTime localStartTime } }',
    );

    expect(body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify(body.data)).not.toContain('15:00"');
  });
});

describe('batches by id against an odd Jump', () => {
  const three =
    '{ a: patient(id: "pat_a") { id } b: patient(id: "pat_b") { id } c: patient(id: "pat_c") { id } }';
  const singles = ['pat_a', 'pat_b', 'pat_c'].map((id) => ({ body: { data: { id } } }));

  it.each([
    ['a 404', { status: 404, body: { error: 'Not Found' } }],
    ['a 422', { status: 422, body: { error: 'Unprocessable' } }],
    ['a malformed answer', { body: { data: { items: [] } } }],
  ])('falls back to single gets when the id_in call answers %s', async (_label, reply) => {
    upstream.reply(reply as ScriptedReply, ...singles);
    const { body } = await ask(three, `pk_test_odd_${_label.length}`);

    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ a: { id: 'pat_a' }, b: { id: 'pat_b' }, c: { id: 'pat_c' } });
  });

  it('lets one key’s refused id_in call change nothing for another key', async () => {
    upstream.reply({ status: 400, body: { error: 'Bad Request' } }, ...singles);
    await ask(three, 'pk_test_attacker');
    upstream.reply(list([{ id: 'pat_a' }, { id: 'pat_b' }, { id: 'pat_c' }]));
    const { body } = await ask(three, 'pk_test_victim');

    expect(body.data).toEqual({ a: { id: 'pat_a' }, b: { id: 'pat_b' }, c: { id: 'pat_c' } });
    expect(paths().slice(-1)[0]).toMatch(/^GET \/patients\?id_in=/);
  });
});

describe('the catalogue cache against an odd Jump', () => {
  it('does not keep a malformed answer', async () => {
    upstream.reply(
      { body: { data: 'oops' } },
      { body: { data: { id: 'cli_m', first_name: 'Mo' } } },
    );
    const first = await ask('{ clinician(id: "cli_m") { firstName } }', 'pk_test_cache_m');
    const second = await ask('{ clinician(id: "cli_m") { firstName } }', 'pk_test_cache_m');

    expect(first.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(second.body.data).toEqual({ clinician: { firstName: 'Mo' } });
  });

  it('forgets a key’s cached answers as soon as Jump refuses the key', async () => {
    upstream.reply(
      { body: { data: { id: 'cli_r', first_name: 'Ra' } } },
      { status: 401, body: { error: 'Unauthorized', details: 'revoked' } },
      { status: 401, body: { error: 'Unauthorized', details: 'revoked' } },
    );
    await ask('{ clinician(id: "cli_r") { firstName } }', 'pk_test_cache_r');
    await ask('{ patients { totalCount } }', 'pk_test_cache_r');
    const after = await ask('{ clinician(id: "cli_r") { firstName } }', 'pk_test_cache_r');

    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('never shows a request id that carries a key', async () => {
    upstream.reply({
      status: 401,
      body: { error: 'Unauthorized', request_id: 'req:pk_test_leaky' },
    });
    const { body } = await ask('{ patients { totalCount } }');

    expect(body.errors?.[0]?.extensions?.request_id).toBeNull();
  });
});
