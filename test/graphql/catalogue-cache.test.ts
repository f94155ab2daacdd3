import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedUpstream } from '../support/scripted-upstream.js';
import { KEYS, startFacade, startStack } from '../support/stack.js';
import type { Stack } from '../support/stack.js';

describe('the catalogue cache over the sandbox', () => {
  let stack: Stack;
  const catalogue =
    '{ appointmentTypes { nodes { id } } clinicians { nodes { id } } locations { nodes { id } } }';

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('serves a key’s second catalogue read from the cache, and another key’s from Jump', async () => {
    stack.sandbox.resetCalls();
    await stack.query(catalogue, { key: KEYS.booking });
    const first = stack.sandbox.calls.length;
    await stack.query(catalogue, { key: KEYS.booking });
    const second = stack.sandbox.calls.length - first;
    await stack.query(catalogue, { key: KEYS.marketplace });
    const other = stack.sandbox.calls.length - first - second;

    expect([first, second, other]).toEqual([3, 0, 3]);
  });

  it('never caches availability', async () => {
    const type = stack.sandbox.store.appointmentTypes.find((item) => item.allow_online_booking)!;
    const query = `{ availability(appointmentTypeId: "${type.id}", startDate: "2027-03-22", endDate: "2027-03-23") { id } }`;
    stack.sandbox.resetCalls();
    await stack.query(query, { key: KEYS.booking });
    await stack.query(query, { key: KEYS.booking });

    expect(stack.sandbox.calls.filter((call) => call.path === '/availability')).toHaveLength(2);
  });

  it('never caches an error: a refused key is asked again', async () => {
    stack.sandbox.resetCalls();
    await stack.query('{ clinicians { nodes { id } } }', { key: KEYS.noscope });
    await stack.query('{ clinicians { nodes { id } } }', { key: KEYS.noscope });

    expect(stack.sandbox.calls.map((call) => call.status)).toEqual([403, 403]);
  });
});

describe('two callers with different keys', () => {
  it('never see each other’s data through any cache, however their requests interleave', async () => {
    const upstream = await startScriptedUpstream();
    const facade = await startFacade(upstream.url);
    upstream.handle((request) => {
      const owner = String(request.headers.authorization).slice(-1);

      return {
        delayMs: Math.floor(Math.random() * 5),
        body: {
          data: request.url.includes('/clinicians/')
            ? { id: 'cli_1', first_name: `Owner ${owner}` }
            : [{ id: `type_${owner}`, name: `Owner ${owner}` }],
          pagination: { total: 1, limit: 100, offset: 0, has_more: false },
        },
      };
    });
    const query = '{ appointmentTypes { nodes { id name } } clinician(id: "cli_1") { firstName } }';
    const keys = ['pk_test_caller_A', 'pk_test_caller_B'];
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => {
        const key = keys[index % 2]!;

        return facade
          .query<Record<string, unknown>>(query, { key })
          .then((answer) => ({ key, answer }));
      }),
    );
    await facade.close();
    await upstream.close();

    for (const { key, answer } of answers) {
      const owner = key.slice(-1);
      expect(answer.body.data).toEqual({
        appointmentTypes: { nodes: [{ id: `type_${owner}`, name: `Owner ${owner}` }] },
        clinician: { firstName: `Owner ${owner}` },
      });
    }
    expect(upstream.received.length).toBeGreaterThanOrEqual(4);
  });
});
