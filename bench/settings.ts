/** How long each phase of `npm run bench` runs, read from the environment. */
export interface BenchSettings {
  /** `BENCH_PRIME_S`: c=32 load on each server once at the start, so the JIT is warm for every run. @default 5 */
  primeSeconds: number;
  /** `BENCH_WARMUP_S`: load before each measurement, not counted. @default 2 */
  warmupSeconds: number;
  /** `BENCH_DURATION_S`: length of each measured load run. @default 10 */
  durationSeconds: number;
  /** `BENCH_RSS_ROUND_S`: length of each of the three c=32 rounds that watch the facade's RSS. @default 10 */
  rssRoundSeconds: number;
  /** `BENCH_SLOW_MS`: delay the proxy adds to every upstream response in the slow scenario. @default 40 */
  slowUpstreamMs: number;
  /** `BENCH_PATIENT_ID`: the patient read under load; unset takes the sandbox's first patient. */
  patientId: string | null;
}

interface NumberRule {
  name: string;
  fallback: number;
  min: number;
  max: number;
}

const RULES = {
  primeSeconds: { name: 'BENCH_PRIME_S', fallback: 5, min: 0, max: 60 },
  warmupSeconds: { name: 'BENCH_WARMUP_S', fallback: 2, min: 0, max: 60 },
  durationSeconds: { name: 'BENCH_DURATION_S', fallback: 10, min: 1, max: 120 },
  rssRoundSeconds: { name: 'BENCH_RSS_ROUND_S', fallback: 10, min: 1, max: 120 },
  slowUpstreamMs: { name: 'BENCH_SLOW_MS', fallback: 40, min: 1, max: 1000 },
} satisfies Record<string, NumberRule>;

/** Reads the settings; throws one error naming every variable that is not a number in range. */
export function readBenchSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const problems: string[] = [];
  const read = (rule: NumberRule): number => {
    const text = env[rule.name]?.trim();
    if (!text) return rule.fallback;

    const value = Number(text);
    if (!Number.isFinite(value) || value < rule.min || value > rule.max) {
      problems.push(`${rule.name} must be a number from ${rule.min} to ${rule.max}; got "${text}"`);

      return rule.fallback;
    }

    return value;
  };

  const settings: BenchSettings = {
    primeSeconds: read(RULES.primeSeconds),
    warmupSeconds: read(RULES.warmupSeconds),
    durationSeconds: read(RULES.durationSeconds),
    rssRoundSeconds: read(RULES.rssRoundSeconds),
    slowUpstreamMs: read(RULES.slowUpstreamMs),
    patientId: env.BENCH_PATIENT_ID?.trim() || null,
  };
  if (problems.length > 0) {
    throw new Error(`Invalid bench settings:\n  ${problems.join('\n  ')}`);
  }

  return settings;
}

/** Seconds of load the whole run drives, to size its watchdog and to tell the user up front. */
export function plannedLoadSeconds(settings: BenchSettings): number {
  const measurements = 9;
  const perMeasurement = settings.warmupSeconds + settings.durationSeconds;

  return 3 * settings.primeSeconds + measurements * perMeasurement + 3 * settings.rssRoundSeconds;
}
