/** Longer than any id Jump issues (prefixed UUIDs are about 40 characters), with room to spare. */
export const MAX_ID_LENGTH = 128;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Says what is wrong with a value used as a Jump id, or null when it can be sent. Ids are opaque
 * and always percent-encoded into a single path segment; these are the few values that encoding
 * cannot make safe (dot segments are resolved by proxies even when encoded) or that no real id
 * can be.
 */
export function describeInvalidId(id: string): string | null {
  if (id.length === 0) {
    return 'must not be empty';
  }
  if (id.length > MAX_ID_LENGTH) {
    return `must be at most ${MAX_ID_LENGTH} characters (got ${id.length})`;
  }
  if (/^\.+$/.test(id)) {
    return 'must not be a dot path segment';
  }
  if (CONTROL_CHARACTERS.test(id)) {
    return 'must not contain control characters';
  }
  if (!id.isWellFormed()) {
    return 'must be well-formed Unicode (it has a lone surrogate)';
  }

  return null;
}

/** Encodes one path segment; `encodeURIComponent` also escapes `/`, `?`, `#` and `%`. */
export function encodePathSegment(value: string): string {
  const problem = describeInvalidId(value);
  if (problem !== null) {
    throw new RangeError(`Refusing to build an upstream path: the id ${problem}`);
  }

  return encodeURIComponent(value);
}
