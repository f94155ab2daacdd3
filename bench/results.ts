import type { LoadFigures } from './load.js';
import type { BenchSettings } from './settings.js';
import type { CountedReadFigures } from './upstream-calls.js';

/** The three servers driven with the same read. */
export interface LoadRow {
  scenario: string;
  connections: number;
  upstreamDelayMs: number;
  rest: LoadFigures;
  facade: LoadFigures;
  peer: LoadFigures;
}

export interface MemoryFigures {
  /** The facade's VmRSS straight after each c=32 round. */
  afterRoundBytes: number[];
  /** The highest VmRSS sampled during each round. */
  duringRoundMaxBytes: number[];
  /** VmHWM at the end of the run: the facade's peak over its whole life. */
  facadePeakBytes: number;
  peerPeakBytes: number;
}

export interface Verdict {
  target: string;
  /** The measured value, as printed. */
  value: string;
  pass: boolean;
}

export interface BenchResults {
  startedAt: string;
  /** Git commit of the facade measured. */
  revision: string;
  /** How the two GraphQL servers were started, V8 flags included. */
  commands: { facade: string; peer: string };
  node: string;
  cpus: number;
  settings: BenchSettings;
  patientId: string;
  load: LoadRow[];
  upstreamCalls: CountedReadFigures[];
  memory: MemoryFigures;
}

export interface Ratios {
  /** Facade ÷ peer requests per second, c=32, no added delay. */
  throughputVsPeer: number;
  /** Facade ÷ direct REST requests per second, c=64, slow upstream. */
  throughputVsRestSlow: number;
  /** Facade mean latency minus direct REST's, c=1, no added delay. */
  addedMeanLatencyMs: number;
}

/** RSS counts as flat when the last round ends within this much of the first. */
export const FLAT_RSS_TOLERANCE = { fraction: 0.1, minimumBytes: 10e6 };
const MAX_RSS_BYTES = 200e6;

export function ratiosOf(results: BenchResults): Ratios {
  const row = (connections: number) => {
    const found = results.load.find((candidate) => candidate.connections === connections);
    if (!found) throw new Error(`no load row at c=${connections}`);

    return found;
  };
  const [single, many, slow] = [row(1), row(32), row(64)];

  return {
    throughputVsPeer: many.facade.requestsPerSecond / many.peer.requestsPerSecond,
    throughputVsRestSlow: slow.facade.requestsPerSecond / slow.rest.requestsPerSecond,
    addedMeanLatencyMs: single.facade.meanMs - single.rest.meanMs,
  };
}

export function rssIsFlat(memory: MemoryFigures): boolean {
  const first = memory.afterRoundBytes[0] ?? 0;
  const last = memory.afterRoundBytes.at(-1) ?? 0;
  const allowed = Math.max(FLAT_RSS_TOLERANCE.minimumBytes, first * FLAT_RSS_TOLERANCE.fraction);

  return last - first <= allowed;
}

/** The six targets of the brief, each with its measured value. */
export function verdictsOf(results: BenchResults, ratios: Ratios): Verdict[] {
  const calls = (index: number) => results.upstreamCalls[index]?.facade.calls ?? Infinity;
  const { memory } = results;
  const peakOk = memory.facadePeakBytes <= MAX_RSS_BYTES;

  return [
    {
      target: '100 consultations with patients ≤ 2 upstream calls',
      value: String(calls(0)),
      pass: calls(0) <= 2,
    },
    {
      target: '50 appointments with 4 references ≤ 5 upstream calls',
      value: String(calls(1)),
      pass: calls(1) <= 5,
    },
    {
      target: 'added mean latency ≤ 0.5 ms at c=1',
      value: `${ratios.addedMeanLatencyMs.toFixed(2)} ms`,
      pass: ratios.addedMeanLatencyMs <= 0.5,
    },
    {
      target: 'facade throughput ≥ 1.5× peer at c=32',
      value: `${ratios.throughputVsPeer.toFixed(2)}×`,
      pass: ratios.throughputVsPeer >= 1.5,
    },
    {
      target: `facade throughput ≥ 90% of direct REST at +${results.settings.slowUpstreamMs} ms, c=64`,
      value: `${(ratios.throughputVsRestSlow * 100).toFixed(1)}%`,
      pass: ratios.throughputVsRestSlow >= 0.9,
    },
    {
      target: 'facade RSS ≤ 200 MB and flat across three c=32 rounds',
      value: `peak ${megabytes(memory.facadePeakBytes)} MB, ${rssIsFlat(memory) ? 'flat' : 'growing'}`,
      pass: peakOk && rssIsFlat(memory),
    },
  ];
}

export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
