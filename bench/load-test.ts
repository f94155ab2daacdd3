// `npm run load`: holds a steady rate of mixed reads against the facade and its sandbox for a
// minute, then pushes far past capacity, then checks the facade recovers. Prints one table, writes
// the figures to bench-results/load-<time>.json, and exits 1 when a verdict fails.

import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { ChildProcesses, buildFacade } from './children.js';
import { readRss, watchRss } from './memory.js';
import { API_KEY } from './operations.js';
import { megabytes } from './results.js';

interface LoadTestSettings {
  /** `LOAD_RATE`: requests per second held in the steady and recovery phases. @default 200 */
  rate: number;
  /** `LOAD_STEADY_S`: length of the steady phase. @default 60 */
  steadySeconds: number;
  /** `LOAD_OVERLOAD_S`: length of the overload phase. @default 20 */
  overloadSeconds: number;
  /** `LOAD_OVERLOAD_CONNECTIONS`: connections sending as fast as they can. @default 1000 */
  overloadConnections: number;
  /** `LOAD_RECOVERY_S`: the steady rate again after the overload. @default 10 */
  recoverySeconds: number;
  /** `LOAD_MAX_RSS_MB`: the facade's RSS must stay under this in every phase. @default 300 */
  maxRssMegabytes: number;
}

/** How each answer is classed; only `unclean` answers count against the facade. */
interface Tally {
  /** 200 with data and no errors. */
  ok: number;
  /** 503 `OVERLOADED` with `Retry-After`: refused at once, by design. */
  shed: number;
  /** A well-formed GraphQL answer whose errors all carry a stable upstream code. */
  codedErrors: Record<string, number>;
  /** Anything else: another status, a body that is not GraphQL, a socket error, no answer. */
  unclean: number;
  /** The first few unclean answers, for the report. */
  examples: string[];
}

interface PhaseFigures {
  name: string;
  connections: number;
  seconds: number;
  targetRate: number | null;
  requestsPerSecond: number;
  meanMs: number;
  p99Ms: number;
  tally: Tally;
  peakRssBytes: number;
  endRssBytes: number;
}

const CONNECTIONS_AT_RATE = 16;
const REQUEST_TIMEOUT_S = 30;
const CODED = new Set(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'RATE_LIMITED', 'OVERLOADED']);

const OPERATIONS = [
  'query Patient($id: ID!) { patient(id: $id) { id firstName lastName dateOfBirth nhsNumber } }',
  `query Consultations { consultations(first: 20) {
    nodes { id consultationDate patient { id lastName } } } }`,
  `query Diary { appointments(first: 20) { nodes { id startTime status
    patient { id lastName } clinician { name } location { name } appointmentType { name } } } }`,
];

function readSettings(env: NodeJS.ProcessEnv): LoadTestSettings {
  const read = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;

    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${text}"`);
    }

    return value;
  };

  return {
    rate: read('LOAD_RATE', 200, 1, 100_000),
    steadySeconds: read('LOAD_STEADY_S', 60, 1, 3_600),
    overloadSeconds: read('LOAD_OVERLOAD_S', 20, 1, 3_600),
    overloadConnections: read('LOAD_OVERLOAD_CONNECTIONS', 1000, 1, 20_000),
    recoverySeconds: read('LOAD_RECOVERY_S', 10, 1, 3_600),
    maxRssMegabytes: read('LOAD_MAX_RSS_MB', 300, 16, 65_536),
  };
}

function emptyTally(): Tally {
  return { ok: 0, shed: 0, codedErrors: {}, unclean: 0, examples: [] };
}

function classify(tally: Tally, status: number, body: string, retryAfter: unknown): void {
  const unclean = (why: string) => {
    tally.unclean += 1;
    if (tally.examples.length < 5) tally.examples.push(why);
  };
  let parsed: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    unclean(`HTTP ${status}, body not JSON: ${body.slice(0, 80)}`);

    return;
  }
  const codes = (parsed.errors ?? []).map((error) => String(error.extensions?.code));
  if (status === 503 && codes[0] === 'OVERLOADED' && retryAfter !== undefined) {
    tally.shed += 1;
  } else if (status === 200 && codes.length === 0 && parsed.data) {
    tally.ok += 1;
  } else if (status === 200 && codes.length > 0 && codes.every((code) => CODED.has(code))) {
    for (const code of codes) tally.codedErrors[code] = (tally.codedErrors[code] ?? 0) + 1;
  } else {
    unclean(`HTTP ${status}, codes [${codes.join(', ')}]`);
  }
}

async function runPhase(
  name: string,
  url: string,
  patientIds: string[],
  facadePid: number,
  shape: { connections: number; seconds: number; rate: number | null },
): Promise<PhaseFigures> {
  const tally = emptyTally();
  const latencies: number[] = [];
  const rss = watchRss(facadePid);
  const bodies = [
    ...patientIds.map((id) => JSON.stringify({ query: OPERATIONS[0], variables: { id } })),
    JSON.stringify({ query: OPERATIONS[1] }),
    JSON.stringify({ query: OPERATIONS[2] }),
  ];
  const requests = bodies.map((body) => ({
    method: 'POST' as const,
    body,
    onResponse: (status: number, responseBody: string, _context: unknown, headers?: unknown) =>
      classify(tally, status, responseBody, (headers as Record<string, unknown>)?.['retry-after']),
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        connections: shape.connections,
        duration: shape.seconds,
        timeout: REQUEST_TIMEOUT_S,
        ...(shape.rate === null ? {} : { overallRate: shape.rate }),
        requests,
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  // autocannon's `errors` already include its `timeouts`.
  const socketFailures = result.errors;
  tally.unclean += socketFailures;
  if (socketFailures > 0 && tally.examples.length < 5) {
    tally.examples.push(`${result.errors} socket errors, ${result.timeouts} timeouts`);
  }
  latencies.sort((a, b) => a - b);

  return {
    name,
    connections: shape.connections,
    seconds: result.duration,
    targetRate: shape.rate,
    requestsPerSecond: latencies.length / result.duration,
    meanMs: latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length),
    p99Ms: latencies[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)] ?? NaN,
    tally,
    peakRssBytes: rss.stop(),
    endRssBytes: readRss(facadePid).currentBytes,
  };
}

function codedCount(tally: Tally): number {
  return Object.values(tally.codedErrors).reduce((sum, count) => sum + count, 0);
}

function verdicts(phases: PhaseFigures[], settings: LoadTestSettings) {
  const [steady, overload, recovery] = phases as [PhaseFigures, PhaseFigures, PhaseFigures];
  const maxRss = settings.maxRssMegabytes * 1e6;
  const errorsOf = (phase: PhaseFigures) =>
    phase.tally.unclean + phase.tally.shed + codedCount(phase.tally);

  return [
    {
      target: `steady ${settings.rate} req/s for ${settings.steadySeconds} s: zero errors`,
      pass: errorsOf(steady) === 0 && steady.tally.ok > 0,
    },
    {
      target: 'steady rate actually held (≥ 95 % of target)',
      pass: steady.requestsPerSecond >= settings.rate * 0.95,
    },
    {
      target: 'overload: every answer is data, 503 OVERLOADED or a coded GraphQL error',
      pass: overload.tally.unclean === 0,
    },
    { target: 'overload: some requests still served', pass: overload.tally.ok > 0 },
    { target: 'recovery at the steady rate: zero errors', pass: errorsOf(recovery) === 0 },
    {
      target: `facade RSS under ${settings.maxRssMegabytes} MB in every phase`,
      pass: phases.every((phase) => phase.peakRssBytes < maxRss),
    },
  ];
}

function render(phases: PhaseFigures[], checks: Array<{ target: string; pass: boolean }>): string {
  const lines = [
    'phase      conns  seconds  req/s    mean ms  p99 ms   ok       shed     coded    unclean  peak RSS  end RSS',
  ];
  for (const phase of phases) {
    const coded = codedCount(phase.tally);
    lines.push(
      [
        phase.name.padEnd(10),
        String(phase.connections).padEnd(6),
        phase.seconds.toFixed(0).padEnd(8),
        phase.requestsPerSecond.toFixed(0).padEnd(8),
        phase.meanMs.toFixed(1).padEnd(8),
        phase.p99Ms.toFixed(1).padEnd(8),
        String(phase.tally.ok).padEnd(8),
        String(phase.tally.shed).padEnd(8),
        String(coded).padEnd(8),
        String(phase.tally.unclean).padEnd(8),
        megabytes(phase.peakRssBytes).padEnd(9),
        megabytes(phase.endRssBytes),
      ].join(' '),
    );
    for (const example of phase.tally.examples) lines.push(`  unclean: ${example}`);
    for (const [code, count] of Object.entries(phase.tally.codedErrors)) {
      lines.push(`  ${code}: ${count}`);
    }
  }
  lines.push('');
  for (const check of checks) lines.push(`${check.pass ? 'PASS' : 'FAIL'}  ${check.target}`);

  return lines.join('\n');
}

async function main(): Promise<number> {
  const settings = readSettings(process.env);
  const children = new ChildProcesses();
  const stop = () => void children.stopAll().then(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    process.stderr.write('load: building the facade (npm run build)\n');
    await buildFacade();
    const sandboxUrl = await children.startSandbox();
    const facade = await children.startFacade(sandboxUrl);
    const list = (await (
      await fetch(`${sandboxUrl}/patients?limit=3`, {
        headers: { authorization: `Bearer ${API_KEY}` },
      })
    ).json()) as { data: Array<{ id: string }> };
    const patientIds = list.data.map((patient) => patient.id);
    const steadyShape = { connections: CONNECTIONS_AT_RATE, rate: settings.rate };
    const phases: PhaseFigures[] = [];
    process.stderr.write(`load: steady ${settings.rate} req/s for ${settings.steadySeconds} s\n`);
    phases.push(
      await runPhase('steady', facade.url, patientIds, facade.pid, {
        ...steadyShape,
        seconds: settings.steadySeconds,
      }),
    );
    process.stderr.write(`load: overload, ${settings.overloadConnections} connections\n`);
    phases.push(
      await runPhase('overload', facade.url, patientIds, facade.pid, {
        connections: settings.overloadConnections,
        seconds: settings.overloadSeconds,
        rate: null,
      }),
    );
    process.stderr.write('load: recovery at the steady rate\n');
    phases.push(
      await runPhase('recovery', facade.url, patientIds, facade.pid, {
        ...steadyShape,
        seconds: settings.recoverySeconds,
      }),
    );
    children.assertRunning();
    const checks = verdicts(phases, settings);
    process.stdout.write(`${render(phases, checks)}\n`);
    const directory = fileURLToPath(new URL('../bench-results/', import.meta.url));
    await mkdir(directory, { recursive: true });
    const file = `${directory}load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    await writeFile(file, `${JSON.stringify({ settings, phases, checks }, null, 2)}\n`);
    process.stderr.write(`load: figures written to ${file}\n`);

    return checks.every((check) => check.pass) ? 0 : 1;
  } finally {
    await children.stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
