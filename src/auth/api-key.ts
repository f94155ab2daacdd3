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

const KEY_SHAPED = /pk[_-](?:live|test)[_-][\x21-\x7e]+/gi;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * Replaces anything shaped like a Jump key in text that may reach a client or a log, in any case
 * and with invisible characters taken out first, so `PK_TEST_…` or a key split by a zero-width
 * space is still caught. An encoded key (base64, say) is not: pass the caller's own key to
 * `redactKey` where it is known.
 */
export function redactKeys(text: string): string {
  const visible = text.replace(INVISIBLE, '');
  const redacted = visible.replace(KEY_SHAPED, 'pk_[redacted]');

  return redacted === visible ? text : redacted;
}

/** Removes one known key's secret part from `text`, whatever its case, and any key-shaped text. */
export function redactKey(text: string, key: string | null): string {
  const secret = key?.replace(/^pk_(?:live|test)_/, '') ?? '';
  const cleaned = redactKeys(text);
  if (secret.length < 8) {
    return cleaned;
  }

  const at = cleaned.toLowerCase().indexOf(secret.toLowerCase());
  if (at === -1) {
    return cleaned;
  }

  return redactKey(`${cleaned.slice(0, at)}[redacted]${cleaned.slice(at + secret.length)}`, key);
}
