import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }

  return [];
}

describe('configuration', () => {
  it('defaults to port 4000 and the embedded sandbox', () => {
    expect(loadConfig({})).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      jumpApiUrl: null,
      upstreamTimeouts: { connectMs: 3_000, headersMs: 10_000, bodyMs: 10_000 },
      operationDeadlineMs: 20_000,
      maxConcurrentOperations: 256,
      upstreamConnections: 64,
      logLevel: 'info',
      graphiql: true,
    });
  });

  it.each(['0.0.0.0', '::', '::1', 'localhost', 'facade.internal'])('binds HOST=%s', (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host);
  });

  it.each(['256.1.1.1', 'exa mple', '-bad'])('refuses HOST=%s before listening', (host) => {
    expect(problemsOf({ HOST: host })[0]).toContain('expected an IP address or a host name');
  });

  it('takes Jump’s real base URL and drops a trailing slash', () => {
    const config = loadConfig({ JUMP_API_URL: 'https://app.usejump.co.uk/functions/v1/api-v1/' });

    expect(config.jumpApiUrl).toBe('https://app.usejump.co.uk/functions/v1/api-v1');
  });

  it('lists every bad variable at once with its value and the rule', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      JUMP_HEADERS_TIMEOUT_MS: '-5',
      LOG_LEVEL: 'loud',
      GRAPHIQL: 'maybe',
    });

    expect(problems).toEqual([
      'PORT="eighty": expected a whole number from 0 to 65535',
      'JUMP_HEADERS_TIMEOUT_MS="-5": expected a whole number from 1 to 120000',
      'LOG_LEVEL="loud": expected one of fatal, error, warn, info, debug, trace, silent',
      'GRAPHIQL="maybe": expected true or false',
    ]);
  });

  it.each([
    ['not a url', 'not an absolute URL'],
    ['http://jump.example.com/api', 'must be https'],
    ['https://user:secret@jump.example.com/api', 'must not carry credentials'],
  ])('refuses JUMP_API_URL=%s', (value, reason) => {
    expect(problemsOf({ JUMP_API_URL: value })[0]).toContain(reason);
  });

  it('never prints credentials found in JUMP_API_URL', () => {
    const problems = problemsOf({ JUMP_API_URL: 'https://user:hunter2@jump.example.com/api?x=1' });

    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems[0]).toContain('https://***@jump.example.com');
  });

  it('allows plain http only on loopback, for a separately started sandbox', () => {
    expect(
      loadConfig({ JUMP_API_URL: 'http://127.0.0.1:4010/functions/v1/api-v1' }).jumpApiUrl,
    ).toBe('http://127.0.0.1:4010/functions/v1/api-v1');
  });
});
