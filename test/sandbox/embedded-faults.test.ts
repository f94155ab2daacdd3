import { describe, expect, it } from 'vitest';
import { readSandboxEnv } from '../../src/sandbox/sandbox-env.js';
import { runProcess, startProcess } from '../support/processes.js';
import { KEYS } from '../support/sandbox-http.js';

describe('readSandboxEnv for the embedded sandbox', () => {
  it('picks a free port by default and reads SANDBOX_FAULTS into rules', () => {
    expect(readSandboxEnv({ SANDBOX_FAULTS: 'latency:200,status:503@0.1' }, 'embedded')).toEqual({
      options: {
        port: 0,
        host: '127.0.0.1',
        faults: [
          { fault: 'latency', ms: 200 },
          { fault: 'status', status: 503, fraction: 0.1 },
        ],
      },
    });
    expect(readSandboxEnv({}, 'embedded')).toEqual({ options: { port: 0, host: '127.0.0.1' } });
  });

  it('reports a bad SANDBOX_FAULTS beside the other bad variables', () => {
    expect(
      readSandboxEnv({ SANDBOX_SEED: '-1', SANDBOX_FAULTS: 'reset@2,teapot' }, 'embedded'),
    ).toEqual({
      problems: [
        'SANDBOX_SEED must be an integer from 0 to 4294967295; received "-1"',
        'SANDBOX_FAULTS entry "reset@2": fraction must be a number above 0 and at most 1; received 2',
        expect.stringMatching(
          /^SANDBOX_FAULTS entry "teapot": "teapot" is not a fault; write one of /,
        ),
      ],
    });
  });
});

describe('npm start with SANDBOX_FAULTS and no JUMP_API_URL', () => {
  it('injects the faults into the embedded sandbox', async () => {
    const facade = await startProcess(
      'src/main.ts',
      { PORT: '0', SANDBOX_FAULTS: 'status:503:newer' },
      /"sandboxUrl":"(http:\/\/127\.0\.0\.1:\d+\/functions\/v1\/api-v1)"/,
    );
    try {
      const response = await fetch(`${facade.match[1]}/locations`, {
        headers: { Authorization: `Bearer ${KEYS.full}`, Connection: 'close' },
      });
      const body = (await response.json()) as { error?: { code: string } };

      expect(response.status).toBe(503);
      expect(body.error?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await facade.stop();
    }
  });

  it('exits 1 naming a bad SANDBOX_FAULTS entry', async () => {
    const { code, stderr } = await runProcess('src/main.ts', { SANDBOX_FAULTS: 'latency' });

    expect(code).toBe(1);
    expect(stderr).toContain(
      'SANDBOX_FAULTS entry "latency": latency needs whole milliseconds, e.g. latency:200',
    );
  });
});
