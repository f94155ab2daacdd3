// `npm run bench`: starts the sandbox, a delay proxy, the facade and the Mesh OpenAPI peer as
// child processes on loopback, drives them with autocannon, prints one table and writes the
// figures to bench-results/. Exits 0 whether or not the targets are met; non-zero only when the
// bench itself could not run.

import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { ChildProcesses, JUMP_BASE_PATH, buildFacade, buildPeer } from './children.js';
import type { ProxyHandle, ServerHandle } from './children.js';
import { graphqlBodyCheck, restBodyCheck, runLoad, stopLoad } from './load.js';
import type { BodyCheck, LoadFigures } from './load.js';
import { readRss, watchRss } from './memory.js';
import {
  countedReads,
  facadePatient,
  peerPatient,
  restPatient,
  restPatientList,
} from './operations.js';
import type { HttpRequest } from './operations.js';
import { renderReport, writeResults } from './report.js';
import { megabytes, ratiosOf, verdictsOf } from './results.js';
import type { BenchResults, LoadRow, MemoryFigures } from './results.js';
import { plannedLoadSeconds, readBenchSettings } from './settings.js';
import type { BenchSettings } from './settings.js';
import { countUpstreamCalls, sendOnce } from './upstream-calls.js';

interface Stack {
  proxy: ProxyHandle;
  jumpApiUrl: string;
  facade: ServerHandle;
  peer: ServerHandle;
}

interface Target {
  name: 'rest' | 'facade' | 'peer';
  request: HttpRequest;
  check: BodyCheck;
}

const PAUSE_BETWEEN_RUNS_MS = 500;
const children = new ChildProcesses();

/** The commit measured, flagged when src/ differs from it (others edit it while benches run). */
function revision(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: fileURLToPath(new URL('..', import.meta.url)) })
      .toString()
      .trim();
  try {
    const head = git('rev-parse', '--short', 'HEAD');

    return git('status', '--porcelain', '--', 'src') ? `${head} + uncommitted src/ changes` : head;
  } catch {
    return 'unknown';
  }
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function startStack(): Promise<Stack> {
  progress('building the facade (npm run build) and the peer (tsc)');
  await Promise.all([buildFacade(), buildPeer()]);
  const sandboxUrl = await children.startSandbox();
  const proxy = await children.startProxy(sandboxUrl);
  const jumpApiUrl = `${proxy.url}${JUMP_BASE_PATH}`;
  const [facade, peer] = await Promise.all([
    children.startFacade(jumpApiUrl),
    children.startPeer(jumpApiUrl),
  ]);
  progress(`sandbox ${sandboxUrl}, proxy ${proxy.url}, facade ${facade.url}, peer ${peer.url}`);

  return { proxy, jumpApiUrl, facade, peer };
}

async function firstPatientId(jumpApiUrl: string): Promise<string> {
  const page = (await sendOnce(restPatientList(jumpApiUrl))) as Array<{ id: string }>;
  const id = page[0]?.id;
  if (!id) throw new Error('the sandbox listed no patient');

  return id;
}

/** Load on every server before anything is measured: the first seconds of a Node server are slow. */
async function prime(targets: Target[], settings: BenchSettings): Promise<void> {
  if (settings.primeSeconds === 0) return;

  progress(`priming each server for ${settings.primeSeconds} s at c=32`);
  for (const target of targets) {
    await runLoad(target.request, 32, settings.primeSeconds, target.check);
  }
}

/** One warm-up, then one measured run; fails when nothing at all succeeded. */
async function measure(target: Target, connections: number, settings: BenchSettings) {
  if (settings.warmupSeconds > 0) {
    await runLoad(target.request, connections, settings.warmupSeconds, target.check);
  }
  const figures = await runLoad(
    target.request,
    connections,
    settings.durationSeconds,
    target.check,
  );
  children.assertRunning();
  if (figures.completed === 0) {
    throw new Error(`${target.name} answered no request successfully at c=${connections}`);
  }
  progress(
    `  ${target.name.padEnd(6)} c=${connections}: ${Math.round(figures.requestsPerSecond)} req/s, ` +
      `mean ${figures.meanMs.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms`,
  );
  await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_RUNS_MS));

  return figures;
}

async function loadRow(
  targets: Target[],
  connections: number,
  delayMs: number,
  settings: BenchSettings,
): Promise<LoadRow> {
  progress(`load at c=${connections}, upstream +${delayMs} ms`);
  const figures: Partial<Record<Target['name'], LoadFigures>> = {};
  for (const target of targets) {
    figures[target.name] = await measure(target, connections, settings);
  }
  const { rest, facade, peer } = figures as Record<Target['name'], LoadFigures>;

  return {
    scenario: `c=${connections}, +${delayMs} ms`,
    connections,
    upstreamDelayMs: delayMs,
    rest,
    facade,
    peer,
  };
}

async function memoryRounds(facade: Target, pid: number, settings: BenchSettings) {
  const afterRoundBytes: number[] = [];
  const duringRoundMaxBytes: number[] = [];
  for (let round = 1; round <= 3; round += 1) {
    const watch = watchRss(pid);
    await runLoad(facade.request, 32, settings.rssRoundSeconds, facade.check);
    duringRoundMaxBytes.push(watch.stop());
    const after = readRss(pid).currentBytes;
    afterRoundBytes.push(after);
    progress(`  RSS after round ${round}: ${megabytes(after)} MB`);
  }

  return { afterRoundBytes, duringRoundMaxBytes };
}

async function runBench(settings: BenchSettings): Promise<void> {
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const measured = revision();
  const stack = await startStack();
  const patientId = settings.patientId ?? (await firstPatientId(stack.jumpApiUrl));
  const facade: Target = {
    name: 'facade',
    request: facadePatient(stack.facade.url, patientId),
    check: graphqlBodyCheck,
  };
  const targets: Target[] = [
    { name: 'rest', request: restPatient(stack.jumpApiUrl, patientId), check: restBodyCheck },
    facade,
    { name: 'peer', request: peerPatient(stack.peer.url, patientId), check: graphqlBodyCheck },
  ];
  for (const target of targets) await sendOnce(target.request);

  progress('upstream calls per operation');
  const reads = countedReads(stack.facade.url, stack.peer.url, patientId);
  const upstreamCalls = await countUpstreamCalls(stack.proxy, reads);

  await stack.proxy.setDelay(0);
  await prime(targets, settings);
  const load = [await loadRow(targets, 1, 0, settings), await loadRow(targets, 32, 0, settings)];
  progress('facade RSS over three c=32 rounds');
  const rounds = await memoryRounds(facade, stack.facade.pid, settings);
  await stack.proxy.setDelay(settings.slowUpstreamMs);
  load.push(await loadRow(targets, 64, settings.slowUpstreamMs, settings));

  const memory: MemoryFigures = {
    ...rounds,
    facadePeakBytes: readRss(stack.facade.pid).peakBytes,
    peerPeakBytes: readRss(stack.peer.pid).peakBytes,
  };
  const results: BenchResults = {
    startedAt,
    revision: measured,
    commands: { facade: stack.facade.command, peer: stack.peer.command },
    node: process.version,
    cpus: availableParallelism(),
    settings,
    patientId,
    load,
    upstreamCalls,
    memory,
  };
  const ratios = ratiosOf(results);
  const verdicts = verdictsOf(results, ratios);
  process.stdout.write(`\n${renderReport(results, ratios, verdicts)}\n`);
  const path = await writeResults(results, ratios, verdicts);
  process.stdout.write(`\nFigures written to ${path}\n`);
}

async function main(): Promise<void> {
  let stopping: Promise<void> | null = null;
  const stop = (reason: string, code: number) => {
    progress(reason);
    stopLoad();
    stopping ??= children.stopAll().finally(() => process.exit(code));
  };
  process.on('SIGINT', () => stop('interrupted; stopping the servers', 130));
  process.on('SIGTERM', () => stop('terminated; stopping the servers', 143));
  process.on('uncaughtException', (error) => stop(`failed: ${error.stack ?? error.message}`, 1));

  try {
    const settings = readBenchSettings(process.env);
    const planned = plannedLoadSeconds(settings);
    progress(`about ${Math.ceil(planned / 60)} min of load; Ctrl+C stops everything`);
    // A run that hangs (a child stops answering) must still end by itself.
    const watchdog = setTimeout(() => stop('took too long', 2), (planned + 180) * 1000);
    await runBench(settings).finally(() => clearTimeout(watchdog));
  } catch (error) {
    if (!stopping) {
      progress(`could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  } finally {
    stopLoad();
    await children.stopAll();
  }
}

await main();
