import { describe, expect, it } from 'vitest';
import type { JumpResult } from '../../src/upstream/jump-client.js';
import { SharedReadCache } from '../../src/upstream/shared-read-cache.js';

const result = (data: unknown): JumpResult => ({
  status: 200,
  data,
  page: null,
  requestId: null,
  rateLimit: null,
});

describe('the shared read cache', () => {
  it('identifies a key by a hash that never contains the key', () => {
    const identity = SharedReadCache.keyIdentity('pk_test_secret_value');

    expect(identity).not.toContain('secret');
    expect(identity).toBe(SharedReadCache.keyIdentity('pk_test_secret_value'));
    expect(identity).not.toBe(SharedReadCache.keyIdentity('pk_test_secret_valuf'));
  });

  it('forgets an answer once its time to live has passed', () => {
    let now = 0;
    const cache = new SharedReadCache({ ttlMs: 1_000, maxEntries: 10, now: () => now });
    cache.set('a', result(1));
    now = 999;
    expect(cache.get('a')?.data).toBe(1);
    now = 1_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new SharedReadCache({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', result(1));
    cache.set('b', result(2));
    cache.get('a');
    cache.set('c', result(3));

    expect([cache.get('a')?.data, cache.get('b'), cache.get('c')?.data]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });

  it('stores nothing when its time to live is zero', () => {
    const cache = new SharedReadCache({ ttlMs: 0, maxEntries: 10 });
    cache.set('a', result(1));

    expect(cache.get('a')).toBeUndefined();
  });
});
