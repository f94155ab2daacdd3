import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedUpstream } from '../support/scripted-upstream.js';
import { startFacade } from '../support/stack.js';

let upstream: Awaited<ReturnType<typeof startScriptedUpstream>>;
let facade: Awaited<ReturnType<typeof startFacade>>;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  upstream.handle(() => ({ delayMs: 300, body: { data: { id: 'pat_1', first_name: 'Ada' } } }));
  facade = await startFacade(upstream.url, { maxConcurrentOperations: 2 });
});
afterAll(async () => {
  await facade.close();
  await upstream.close();
});

const read = () => facade.query('{ patient(id: "pat_1") { id firstName } }');

describe('more GraphQL requests at once than MAX_CONCURRENT_OPERATIONS', () => {
  it('answers the excess at once with 503 OVERLOADED and Retry-After, and the rest normally', async () => {
    const started = performance.now();
    const answers = await Promise.all([read(), read(), read(), read(), read()]);
    const refused = answers.filter((answer) => answer.status === 503);
    const served = answers.filter((answer) => answer.status === 200);

    expect(served).toHaveLength(2);
    expect(served[0]?.body.data).toEqual({ patient: { id: 'pat_1', firstName: 'Ada' } });
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('OVERLOADED');
    }
    expect(upstream.received).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('admits requests again once those in flight have finished', async () => {
    const answer = await read();

    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});
