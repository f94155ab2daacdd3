import { anchorDateProblem } from './data/timeline.js';
import type { SandboxOptions } from './sandbox.js';

/** Options for the standalone sandbox from its environment, or every problem with it. */
export type SandboxEnvResult = { options: SandboxOptions } | { problems: string[] };

interface IntegerRule {
  min: number;
  max: number;
  description: string;
}

const PORT: IntegerRule = { min: 0, max: 65_535, description: 'an integer from 0 to 65535' };
const SEED: IntegerRule = {
  min: 0,
  max: 2 ** 32 - 1,
  description: 'an integer from 0 to 4294967295',
};
const RATE_LIMIT: IntegerRule = {
  min: 1,
  max: Number.MAX_SAFE_INTEGER,
  description: 'a positive integer or "off"',
};

/**
 * Reads `SANDBOX_PORT` (default `defaultPort`: 4010 standalone, 0 embedded), `SANDBOX_HOST`
 * (default 127.0.0.1), `SANDBOX_SEED`, `SANDBOX_ANCHOR_DATE` (`YYYY-MM-DD`; default this week's
 * Monday) and `SANDBOX_RATE_LIMIT` (requests per hour, or `off`). Unset or empty means the default.
 */
export function readSandboxEnv(env: NodeJS.ProcessEnv, defaultPort = 4010): SandboxEnvResult {
  const problems: string[] = [];
  const port = readInteger(env, 'SANDBOX_PORT', PORT, problems) ?? defaultPort;
  const host = readHost(env, problems);
  const seed = readInteger(env, 'SANDBOX_SEED', SEED, problems);
  const anchorDate = readAnchorDate(env, problems);
  const rateLimit =
    env.SANDBOX_RATE_LIMIT?.trim().toLowerCase() === 'off'
      ? null
      : readInteger(env, 'SANDBOX_RATE_LIMIT', RATE_LIMIT, problems);
  if (problems.length > 0) return { problems };

  const options: SandboxOptions = { port, host };
  if (seed !== undefined) options.seed = seed;
  if (anchorDate !== undefined) options.anchorDate = anchorDate;
  if (rateLimit !== undefined) options.rateLimitPerHour = rateLimit;

  return { options };
}

function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  rule: IntegerRule,
  problems: string[],
): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;

  const value = Number(text);
  if (!/^\d+$/.test(text) || value < rule.min || value > rule.max) {
    problems.push(`${name} must be ${rule.description}; received "${text}"`);
    return undefined;
  }

  return value;
}

function readAnchorDate(env: NodeJS.ProcessEnv, problems: string[]): string | undefined {
  const text = env.SANDBOX_ANCHOR_DATE?.trim();
  if (!text) return undefined;

  const problem = anchorDateProblem(text);
  if (problem) {
    problems.push(`SANDBOX_ANCHOR_DATE ${problem}, e.g. 2026-01-05; received "${text}"`);
    return undefined;
  }

  return text;
}

function readHost(env: NodeJS.ProcessEnv, problems: string[]): string {
  const text = env.SANDBOX_HOST?.trim();
  if (!text) return '127.0.0.1';

  if (/[\s/]/.test(text)) {
    problems.push(`SANDBOX_HOST must be a host name or IP address; received "${text}"`);
  }

  return text;
}
