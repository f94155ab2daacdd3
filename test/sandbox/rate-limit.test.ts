import { describe, expect, it } from 'vitest';
import { KEYS, useSandbox, type ErrorBody } from '../support/sandbox-http.js';

let clock = new Date('2026-03-02T14:10:00Z');
const api = useSandbox({ rateLimitPerHour: 3, now: () => clock });

const remaining = (response: { headers: Headers }) => response.headers.get('x-ratelimit-remaining');

describe('the hourly rate limit', () => {
  it('counts down, answers 429 with Remaining 0, and resets on the hour', async () => {
    clock = new Date('2026-03-02T14:10:00Z');
    const seen = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await api.request('/patients?limit=1', { key: KEYS.readonly });
      seen.push([response.status, response.headers.get('x-ratelimit-limit'), remaining(response)]);
    }
    const refused = await api.request<ErrorBody>('/patients?limit=1', { key: KEYS.readonly });
    clock = new Date('2026-03-02T14:59:59Z');
    const stillRefused = await api.request('/patients?limit=1', { key: KEYS.readonly });
    clock = new Date('2026-03-02T15:00:00Z');
    const nextHour = await api.request('/patients?limit=1', { key: KEYS.readonly });

    expect(seen).toEqual([
      [200, '3', '2'],
      [200, '3', '1'],
      [200, '3', '0'],
    ]);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: 'Too Many Requests',
      details: 'Rate limit exceeded',
      request_id: refused.headers.get('x-request-id'),
    });
    expect(remaining(refused)).toBe('0');
    expect(stillRefused.status).toBe(429);
    expect(nextHour.status).toBe(200);
    expect(remaining(nextHour)).toBe('2');
  });

  it('keeps a separate window for each key', async () => {
    clock = new Date('2026-03-03T09:00:00Z');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await api.request('/patients?limit=1', { key: KEYS.full });
    }
    const other = await api.request('/patients?limit=1', { key: KEYS.booking });

    expect(other.status).toBe(200);
    expect(remaining(other)).toBe('2');
  });

  it('does not count requests that fail authentication, and still sends the headers', async () => {
    clock = new Date('2026-03-04T09:00:00Z');
    const anonymous = await api.request('/patients', { key: null });
    const first = await api.request('/patients?limit=1', { key: KEYS.full });

    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBe('3');
    expect(remaining(anonymous)).toBe('3');
    expect(remaining(first)).toBe('2');
  });
});

describe('an unenforced rate limit (rateLimitPerHour: null)', () => {
  const unlimited = useSandbox({ rateLimitPerHour: null, now: () => clock });

  it('shows a limit of 1000 and counts down without ever refusing', async () => {
    clock = new Date('2026-03-05T09:00:00Z');
    const first = await unlimited.request('/patients?limit=1');
    const second = await unlimited.request('/patients?limit=1');

    expect(first.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(remaining(first)).toBe('999');
    expect(remaining(second)).toBe('998');
  });

  it('still answers after more than 1000 requests in an hour, showing Remaining 0', async () => {
    clock = new Date('2026-03-06T09:00:00Z');
    for (let batch = 0; batch < 20; batch += 1) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          unlimited.request('/patients?limit=1', { key: KEYS.readonly }),
        ),
      );
    }
    const over = await unlimited.request('/patients?limit=1', { key: KEYS.readonly });

    expect(over.status).toBe(200);
    expect(remaining(over)).toBe('0');
  });
});
