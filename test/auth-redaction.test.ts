import { describe, expect, it } from 'vitest';
import { readBearerKey, redactKeys } from '../src/auth/api-key.js';

describe('bearer keys', () => {
  it('reads a pk_test_ or pk_live_ key unchanged, whatever the scheme’s case', () => {
    expect(readBearerKey('Bearer pk_test_sandbox_full').key).toBe('pk_test_sandbox_full');
    expect(readBearerKey('bearer pk_live_AbC-123').key).toBe('pk_live_AbC-123');
  });

  it.each([
    null,
    '',
    'Bearer',
    'Bearer sk_live_x',
    'Token pk_test_x',
    'Bearer pk_test_',
    'Bearer pk_test_a b',
  ])('refuses %j without repeating it', (header) => {
    const result = readBearerKey(header);

    expect(result.key).toBeNull();
    expect(result.problem).not.toContain('sk_live_x');
  });
});

describe('redactKeys', () => {
  it('hides whole keys but leaves the bare prefixes that help messages mention', () => {
    expect(redactKeys('bad key pk_live_abc123 so use a pk_test_ key instead')).toBe(
      'bad key pk_[redacted] so use a pk_test_ key instead',
    );
  });
});
