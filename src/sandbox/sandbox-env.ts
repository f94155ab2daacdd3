import { anchorDateProblem } from './data/timeline.js';
import { parseFaults } from './faults/parse-faults.js';
import type { FaultRule } from './faults/fault-rule.js';
import type { SandboxOptions } from './sandbox.js';

/** Options for the sandbox from its environment, or every problem with it. */
export type SandboxEnvResult = { options: SandboxOptions } | { problems: string[] };

/**
 * `standalone` is `npm run sandbox`, on port 4010 by default and without faults; `embedded` is
 * the sandbox the facade starts when `JUMP_API_URL` is unset, on a free port by default.
 */
export type SandboxRole = 'standalone' | 'embedded';

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
 * Reads `SANDBOX_PORT` (default 4010 standalone, 0 embedded), `SANDBOX_HOST` (default 127.0.0.1),
 * `SANDBOX_SEED`, `SANDBOX_ANCHOR_DATE` (`YYYY-MM-DD`; default this week's Monday),
 * `SANDBOX_RATE_LIMIT` (requests per hour, or `off`) and, embedded only, `SANDBOX_FAULTS` (see
 * `parseFaults`). Unset or empty means the default.
 */
export function readSandboxEnv(
  env: NodeJS.ProcessEnv,
  role: SandboxRole = 'standalone',
): SandboxEnvResult {
  const problems: string[] = [];
  const port = readInteger(env, 'SANDBOX_PORT', PORT, problems) ?? (role === 'embedded' ? 0 : 4010);
  const host = readHost(env, problems);
  const seed = readInteger(env, 'SANDBOX_SEED', SEED, problems);
  const anchorDate = readAnchorDate(env, problems);
  const rateLimit =
    env.SANDBOX_RATE_LIMIT?.trim().toLowerCase() === 'off'
      ? null
      : readInteger(env, 'SANDBOX_RATE_LIMIT', RATE_LIMIT, problems);
  const faults = readFaults(env, role, problems);
  if (problems.length > 0) return { problems };

  const options: SandboxOptions = { port, host };
  if (seed !== undefined) options.seed = seed;
  if (anchorDate !== undefined) options.anchorDate = anchorDate;
  if (rateLimit !== undefined) options.rateLimitPerHour = rateLimit;
  if (faults.length > 0) options.faults = faults;

  return { options };
}

/**
 * The standalone sandbox refuses faults rather than ignore them: it may serve other people and
 * other processes, and whoever set the variable would otherwise believe faults were in play.
 */
function readFaults(env: NodeJS.ProcessEnv, role: SandboxRole, problems: string[]): FaultRule[] {
  const text = env.SANDBOX_FAULTS?.trim();
  if (!text) return [];

  if (role === 'standalone') {
    problems.push(
      'SANDBOX_FAULTS is honoured only by the embedded sandbox (npm start or npm run dev without JUMP_API_URL); unset it to run npm run sandbox',
    );
    return [];
  }
  const parsed = parseFaults(text);
  if ('rules' in parsed) return parsed.rules;

  problems.push(...parsed.problems);
  return [];
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
