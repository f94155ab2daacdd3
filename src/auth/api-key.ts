/** Jump keys are `pk_live_…` or `pk_test_…`; the rest is opaque, printable and short. */
const API_KEY_PATTERN = /^pk_(?:live|test)_[\x21-\x7e]{1,200}$/;

export type BearerKey = { key: string; problem: null } | { key: null; problem: string };

/**
 * Reads the caller's Jump key from an Authorization header. The key is returned unchanged, to be
 * passed through to Jump; the problem text never repeats the header, so it is safe to show.
 */
export function readBearerKey(authorization: string | null | undefined): BearerKey {
  if (!authorization) {
    return { key: null, problem: 'No API key: send "Authorization: Bearer pk_test_…"' };
  }

  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization.trim());
  if (!match?.[1]) {
    return {
      key: null,
      problem: 'The Authorization header must be "Bearer <key>" with a Jump API key',
    };
  }
  if (!API_KEY_PATTERN.test(match[1])) {
    return {
      key: null,
      problem: 'The bearer token is not a Jump API key (expected a pk_live_ or pk_test_ key)',
    };
  }

  return { key: match[1], problem: null };
}

/** Replaces anything shaped like a Jump key in text that may reach a client or a log. */
export function redactKeys(text: string): string {
  return text.replace(/pk_(?:live|test)_[\x21-\x7e]+/g, 'pk_[redacted]');
}
