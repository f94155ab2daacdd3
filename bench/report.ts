import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LoadFigures } from './load.js';
import { FLAT_RSS_TOLERANCE, megabytes, rssIsFlat } from './results.js';
import type { BenchResults, Ratios, Verdict } from './results.js';
import type { CountedPhrasing, UpstreamCalls } from './upstream-calls.js';

const RESULTS_DIR = fileURLToPath(new URL('../bench-results/', import.meta.url));
const HEADER = ['Measure', 'Direct REST', 'Facade', 'Peer (Mesh OpenAPI)', 'Target', 'Result'];

type Row = [string, string, string, string, string, string];

/** The one table of the run, then its footnotes and the count of targets met. */
export function renderReport(results: BenchResults, ratios: Ratios, verdicts: Verdict[]): string {
  const notes: string[] = [];
  const rows: Row[] = [
    ...loadRows(results),
    ...ratioRows(ratios, verdicts, results.settings.slowUpstreamMs),
    ...callRows(results, verdicts, notes),
    ...memoryRows(results, verdicts),
  ];
  notes.push(...failureNotes(results));
  const passed = verdicts.filter((verdict) => verdict.pass).length;
  const { settings } = results;
  const heading =
    `Jump GraphQL facade benchmark, ${results.startedAt}, ${results.revision}: Node ${results.node}, ` +
    `${results.cpus} CPUs, ${settings.durationSeconds} s per run after ` +
    `${settings.warmupSeconds} s warm-up (each server primed ${settings.primeSeconds} s first), ` +
    `patient ${results.patientId}; facade \`${results.commands.facade}\`, ` +
    `peer \`${results.commands.peer}\``;

  return [
    heading,
    '',
    table([HEADER, ...rows]),
    '',
    ...notes,
    '',
    `Targets: ${passed} of ${verdicts.length} PASS` +
      (passed < verdicts.length ? `; FAIL: ${failedTargets(verdicts)}` : ''),
  ].join('\n');
}

/** Writes the figures to bench-results/<timestamp>.json; returns the path. */
export async function writeResults(
  results: BenchResults,
  ratios: Ratios,
  verdicts: Verdict[],
): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  // Colons are legal on Linux but not everywhere the folder may be copied to.
  const path = `${RESULTS_DIR}${results.startedAt.replaceAll(':', '-')}.json`;
  await writeFile(path, `${JSON.stringify({ ...results, ratios, verdicts }, null, 2)}\n`);

  return path;
}

function loadRows(results: BenchResults): Row[] {
  return results.load.flatMap((row): Row[] => {
    const label = `patient(id) ${row.scenario}`;

    return [
      [`${label}: req/s`, rate(row.rest), rate(row.facade), rate(row.peer), '', ''],
      [
        `${label}: mean / p99 ms`,
        latency(row.rest),
        latency(row.facade),
        latency(row.peer),
        '',
        '',
      ],
    ];
  });
}

function ratioRows(ratios: Ratios, verdicts: Verdict[], slowMs: number): Row[] {
  const added = ratios.addedMeanLatencyMs;

  return [
    [
      'facade added mean latency vs REST, c=1',
      '',
      `${added >= 0 ? '+' : ''}${added.toFixed(2)} ms`,
      '',
      '≤ 0.5 ms',
      verdictOf(verdicts, 2),
    ],
    [
      'facade throughput vs peer, c=32',
      '',
      `${ratios.throughputVsPeer.toFixed(2)}×`,
      '',
      '≥ 1.5×',
      verdictOf(verdicts, 3),
    ],
    [
      `facade throughput vs REST, c=64, +${slowMs} ms`,
      '',
      `${(ratios.throughputVsRestSlow * 100).toFixed(1)}%`,
      '',
      '≥ 90%',
      verdictOf(verdicts, 4),
    ],
  ];
}

function callRows(results: BenchResults, verdicts: Verdict[], notes: string[]): Row[] {
  return results.upstreamCalls.map((read, index): Row => {
    const marker = `[${index + 1}]`;
    notes.push(`${marker} ${read.name}: facade ${routes(read.facade)}`);
    notes.push(`    warm catalogue cache: ${routes(read.facadeWarm)}`);
    notes.push(
      `    peer: ${'unsupported' in read.peer ? read.peer.unsupported : peerNote(read.peer)}`,
    );
    const facade = `${read.facade.calls} (warm ${read.facadeWarm.calls})`;
    const peer = 'unsupported' in read.peer ? 'n/a' : `${read.peer.calls}`;
    const verdict = read.target ? verdictOf(verdicts, index) : '';

    return [`upstream calls ${marker}: ${read.name}`, '', facade, peer, read.target, verdict];
  });
}

function memoryRows(results: BenchResults, verdicts: Verdict[]): Row[] {
  const { memory } = results;
  const rounds = memory.afterRoundBytes.map(megabytes).join(' / ');
  const tolerance = `${FLAT_RSS_TOLERANCE.fraction * 100}% or ${FLAT_RSS_TOLERANCE.minimumBytes / 1e6} MB`;

  return [
    [
      'facade RSS after c=32 rounds 1 / 2 / 3 (MB)',
      '',
      rounds,
      '',
      `flat (within ${tolerance})`,
      rssIsFlat(memory) ? 'PASS' : 'FAIL',
    ],
    [
      'peak RSS over the run (MB)',
      '',
      megabytes(memory.facadePeakBytes),
      megabytes(memory.peerPeakBytes),
      '≤ 200 MB',
      verdictOf(verdicts, 5),
    ],
  ];
}

function failureNotes(results: BenchResults): string[] {
  const failing = results.load.flatMap((row) =>
    (['rest', 'facade', 'peer'] as const)
      .filter((server) => row[server].failures > 0)
      .map((server) => `${server} ${row.scenario}: ${row[server].failures}`),
  );
  if (failing.length === 0) return ['Every load request succeeded (2xx with data, no errors).'];

  return [
    `Failed requests during load (non-2xx, GraphQL errors, socket errors): ${failing.join('; ')}`,
  ];
}

function routes(calls: UpstreamCalls): string {
  const list = Object.entries(calls.routes).map(([route, count]) => `${route} ×${count}`);

  return `${calls.calls} calls: ${list.join(', ') || 'none'}`;
}

function peerNote(calls: Exclude<CountedPhrasing, { unsupported: string }>): string {
  return `${routes(calls)}${calls.note ? `\n    (${calls.note})` : ''}`;
}

function verdictOf(verdicts: Verdict[], index: number): string {
  return verdicts[index]?.pass ? 'PASS' : 'FAIL';
}

function failedTargets(verdicts: Verdict[]): string {
  return verdicts
    .filter((verdict) => !verdict.pass)
    .map((verdict) => `${verdict.target} (${verdict.value})`)
    .join('; ');
}

function rate(figures: LoadFigures): string {
  return Math.round(figures.requestsPerSecond).toString();
}

function latency(figures: LoadFigures): string {
  return `${figures.meanMs.toFixed(2)} / ${figures.p99Ms.toFixed(2)}`;
}

/** A Markdown pipe table, padded so it also reads as plain text. */
function table(rows: string[][]): string {
  const widths = HEADER.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
  const [header, ...body] = rows;

  return [line(header ?? []), rule, ...body.map(line)].join('\n');
}
