import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readSandboxEnv } from '../../src/sandbox/sandbox-env.js';

const ENTRY = 'src/sandbox/main.ts';

/** Runs the standalone sandbox through tsx, as `npm run sandbox` does. */
function runSandbox(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  // Created only when awaited, so a run that is meant to fail leaves no rejection unhandled.
  const ready = () =>
    new Promise<void>((resolve, reject) => {
      if (output.stdout.includes('\n')) resolve();
      child.stdout.on('data', () => output.stdout.includes('\n') && resolve());
      void exited.then(() => reject(new Error(`exited early:\n${output.stderr}`)));
    });

  return { child, output, ready, exited };
}

describe('readSandboxEnv', () => {
  it('defaults to 127.0.0.1:4010 with the sandbox defaults for the rest', () => {
    expect(readSandboxEnv({})).toEqual({ options: { port: 4010, host: '127.0.0.1' } });
  });

  it('reads the port, host, seed, anchor date and a numeric or "off" rate limit', () => {
    const env = {
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '::1',
      SANDBOX_SEED: '7',
      SANDBOX_ANCHOR_DATE: ' 2026-01-05 ',
      SANDBOX_RATE_LIMIT: '50',
    };

    expect(readSandboxEnv(env)).toEqual({
      options: { port: 0, host: '::1', seed: 7, anchorDate: '2026-01-05', rateLimitPerHour: 50 },
    });
    expect(readSandboxEnv({ SANDBOX_RATE_LIMIT: 'off' })).toMatchObject({
      options: { rateLimitPerHour: null },
    });
  });

  it('reports every bad value at once, echoing what it received', () => {
    const result = readSandboxEnv({
      SANDBOX_PORT: '70000',
      SANDBOX_SEED: '-3',
      SANDBOX_ANCHOR_DATE: '05/01/2026',
      SANDBOX_RATE_LIMIT: 'lots',
    });

    expect(result).toEqual({
      problems: [
        'SANDBOX_PORT must be an integer from 0 to 65535; received "70000"',
        'SANDBOX_SEED must be an integer from 0 to 4294967295; received "-3"',
        'SANDBOX_ANCHOR_DATE must be a date in YYYY-MM-DD format from 2000-01-01 to 2099-12-31, e.g. 2026-01-05; received "05/01/2026"',
        'SANDBOX_RATE_LIMIT must be a positive integer or "off"; received "lots"',
      ],
    });
  });

  it('refuses SANDBOX_FAULTS, which only the embedded sandbox honours, and ignores it empty', () => {
    expect(readSandboxEnv({ SANDBOX_FAULTS: 'status:503@0.1' })).toEqual({
      problems: [
        'SANDBOX_FAULTS is honoured only by the embedded sandbox (npm start or npm run dev without JUMP_API_URL); unset it to run npm run sandbox',
      ],
    });
    expect(readSandboxEnv({ SANDBOX_FAULTS: ' ' })).toEqual({
      options: { port: 4010, host: '127.0.0.1' },
    });
  });

  it.each(['2026-02-29', '1999-12-31'])('refuses SANDBOX_ANCHOR_DATE=%s', (date) => {
    expect(readSandboxEnv({ SANDBOX_ANCHOR_DATE: date })).toEqual({
      problems: [
        `SANDBOX_ANCHOR_DATE must be a date in YYYY-MM-DD format from 2000-01-01 to 2099-12-31, e.g. 2026-01-05; received "${date}"`,
      ],
    });
  });
});

describe('npm run sandbox', () => {
  it('prints one line with the URL, the key names and the anchor, serves, and exits 0 on SIGTERM', async () => {
    const sandbox = runSandbox({
      SANDBOX_PORT: '0',
      SANDBOX_RATE_LIMIT: 'off',
      SANDBOX_ANCHOR_DATE: '2026-01-05',
    });
    await sandbox.ready();
    const url = /(http:\/\/127\.0\.0\.1:\d+\/functions\/v1\/api-v1)/.exec(
      sandbox.output.stdout,
    )?.[1];
    const response = await fetch(`${url}/patients?limit=1`, {
      headers: { Authorization: 'Bearer pk_test_sandbox_full', Connection: 'close' },
    });
    sandbox.child.kill('SIGTERM');
    const [code] = await sandbox.exited;

    expect(sandbox.output.stdout.trim().split('\n')).toHaveLength(1);
    expect(sandbox.output.stdout).toContain('pk_test_sandbox_full');
    expect(sandbox.output.stdout).toContain('pk_test_sandbox_revoked');
    expect(sandbox.output.stdout).toContain('data anchored on 2026-01-05');
    expect(response.status).toBe(200);
    expect(code).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const sandbox = runSandbox({ SANDBOX_PORT: '0' });
    await sandbox.ready();
    sandbox.child.kill('SIGINT');
    const [code] = await sandbox.exited;

    expect(code).toBe(0);
  });

  it('exits 1 without listening when SANDBOX_FAULTS is set', async () => {
    const sandbox = runSandbox({ SANDBOX_PORT: '0', SANDBOX_FAULTS: 'reset' });
    const [code] = await sandbox.exited;

    expect(code).toBe(1);
    expect(sandbox.output.stderr).toContain(
      'SANDBOX_FAULTS is honoured only by the embedded sandbox',
    );
    expect(sandbox.output.stdout).toBe('');
  });

  it('exits 1 with a clear message for a bad setting', async () => {
    const sandbox = runSandbox({ SANDBOX_PORT: 'eighty' });
    const [code] = await sandbox.exited;

    expect(code).toBe(1);
    expect(sandbox.output.stderr).toContain(
      'SANDBOX_PORT must be an integer from 0 to 65535; received "eighty"',
    );
    expect(sandbox.output.stdout).toBe('');
  });
});
