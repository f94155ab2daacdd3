import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, postGraphQL } from '../support/stack.js';
import { runProcess, startProcess } from '../support/processes.js';
import { startScriptedUpstream } from '../support/scripted-upstream.js';
import type { Started } from '../support/processes.js';

const DONE_WHEN_QUERY = `{
  patients(first: 3) {
    edges { node { id firstName nhsNumber consultations(first: 2) { edges { node { id } } } } }
  }
}`;
const FACADE_READY = /"url":"(http:\/\/[^"]+\/graphql)"[^\n]*"msg":"GraphQL ready"/;

type DoneWhen = {
  patients: {
    edges: Array<{ node: { id: string; consultations: { edges: unknown[] } } }>;
  } | null;
};

async function checkDoneWhen(url: string) {
  const full = await postGraphQL<DoneWhen>(url, DONE_WHEN_QUERY, { key: KEYS.full });
  const forbidden = await postGraphQL<DoneWhen>(url, DONE_WHEN_QUERY, { key: KEYS.marketplace });
  const anonymous = await postGraphQL<DoneWhen>(url, DONE_WHEN_QUERY, { key: null });

  return { full, forbidden, anonymous };
}

describe('npm start with the embedded sandbox', () => {
  let facade: Started;

  beforeAll(async () => {
    facade = await startProcess('src/main.ts', { PORT: '0' }, FACADE_READY);
  });
  afterAll(() => facade.stop());

  it('answers the quick-start query as the README shows', async () => {
    const { full, forbidden, anonymous } = await checkDoneWhen(facade.match[1]!);

    expect(full.body.errors).toBeUndefined();
    expect(full.body.data?.patients?.edges).toHaveLength(3);
    expect(
      full.body.data?.patients?.edges.every((edge) => edge.node.consultations.edges.length > 0),
    ).toBe(true);
    expect(forbidden.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'read_patients',
    });
    expect(forbidden.body.errors?.[0]?.extensions?.request_id).toMatch(/^req_/);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('runs the partner-portal booking example to a confirmed appointment', async () => {
    const { code, stdout, stderr } = await runProcess('examples/booking-flow.ts', {
      FACADE_URL: facade.match[1]!,
    });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^3\. Held as hold_\w+ until \S+Z$/m);
    expect(stdout).toMatch(/^5\. Booked apt_\w+: .+ \(CONFIRMED\); hold is now CONFIRMED$/m);
  });

  it('answers GET /health with 200', async () => {
    const response = await fetch(facade.match[1]!.replace('/graphql', '/health'));

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves GraphiQL with the sandbox test key in its headers', async () => {
    const response = await fetch(facade.match[1]!, { headers: { accept: 'text/html' } });
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('GraphiQL');
    expect(html).toContain('pk_test_sandbox_full');
    expect(html).not.toContain('pk_live_');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });

  it('serves GraphiQL compressed and answers 304 when the page has not changed', async () => {
    const url = facade.match[1]!;
    const first = await fetch(url, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    await first.arrayBuffer();
    const again = await fetch(url, {
      headers: { accept: 'text/html', 'if-none-match': first.headers.get('etag') ?? '' },
    });

    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(again.status).toBe(304);
  });
});

describe('the facade pointed at a separately started sandbox', () => {
  let sandbox: Started;
  let facade: Started;

  beforeAll(async () => {
    sandbox = await startProcess(
      'src/sandbox/main.ts',
      { SANDBOX_PORT: '0' },
      /(http:\/\/127\.0\.0\.1:\d+\/functions\/v1\/api-v1)/,
    );
    facade = await startProcess(
      'src/main.ts',
      { PORT: '0', JUMP_API_URL: sandbox.match[1]! },
      FACADE_READY,
    );
  });
  afterAll(async () => {
    await facade.stop();
    await sandbox.stop();
  });

  it('behaves exactly like the embedded one', async () => {
    const { full, forbidden, anonymous } = await checkDoneWhen(facade.match[1]!);

    expect(full.body.data?.patients?.edges).toHaveLength(3);
    expect(forbidden.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredScope: 'read_patients',
    });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(facade.output.join('')).not.toContain('embedded sandbox');
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await facade.stop('SIGTERM')).toBe(0);
  });
});

describe('npm start with the embedded sandbox configured by SANDBOX_* variables', () => {
  let facade: Started;

  beforeAll(async () => {
    facade = await startProcess(
      'src/main.ts',
      { PORT: '0', SANDBOX_RATE_LIMIT: '2' },
      FACADE_READY,
    );
  });
  afterAll(() => facade.stop());

  it('applies SANDBOX_RATE_LIMIT, surfacing Jump’s 429 as RATE_LIMITED', async () => {
    const query = '{ patients(first: 1) { totalCount } }';
    const url = facade.match[1]!;
    const answers = [];
    for (let round = 0; round < 3; round += 1) {
      answers.push(await postGraphQL(url, query, { key: KEYS.full }));
    }

    expect(answers.map((answer) => answer.body.errors?.[0]?.extensions?.code ?? 'OK')).toEqual([
      'OK',
      'OK',
      'RATE_LIMITED',
    ]);
  });
});

describe('shutting down', () => {
  it('lets a request in flight finish after SIGTERM, then exits 0', async () => {
    const upstream = await startScriptedUpstream();
    upstream.reply({
      delayMs: 1_000,
      body: { data: [], pagination: { total: 0, limit: 20, offset: 0, has_more: false } },
    });
    const facade = await startProcess(
      'src/main.ts',
      { PORT: '0', JUMP_API_URL: upstream.url, SHUTDOWN_TIMEOUT_MS: '5000' },
      FACADE_READY,
    );
    const inFlight = postGraphQL(facade.match[1]!, '{ patients { totalCount } }', {
      key: 'pk_test_anything',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = facade.stop('SIGTERM');
    const answer = await inFlight;
    const code = await exited;
    await upstream.close();

    expect(answer.body).toEqual({ data: { patients: { totalCount: 0 } } });
    expect(code).toBe(0);
  });
});

describe('start-up validation', () => {
  it('exits 1 with a message naming each bad variable', async () => {
    const { code, stderr } = await runProcess('src/main.ts', {
      PORT: 'http',
      JUMP_API_URL: 'ftp://example.com',
    });

    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT="http"');
    expect(stderr).toContain('JUMP_API_URL="ftp://example.com"');
  });

  it('exits 1 naming bad facade and SANDBOX_ variables together', async () => {
    const { code, stderr } = await runProcess('src/main.ts', {
      SANDBOX_RATE_LIMIT: 'lots',
      PORT: 'abc',
      HOST: '256.1.1.1',
    });

    expect(code).toBe(1);
    expect(stderr).toContain('SANDBOX_RATE_LIMIT');
    expect(stderr).toContain('PORT="abc"');
    expect(stderr).toContain('HOST="256.1.1.1"');
  });
});
