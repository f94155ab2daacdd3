/** A request target split into the parts routing needs, all still percent-encoded. */
export interface RequestTarget {
  /** The pathname after the base path: `''` for the base itself, else starting with `/`. */
  path: string;
  /** `path` split on `/`; a `%2F` inside a segment stays inside it. */
  segments: readonly string[];
  query: URLSearchParams;
}

/** Undefined when the target is not under `basePath` (including absolute-form targets). */
export function parseRequestTarget(rawUrl: string, basePath: string): RequestTarget | undefined {
  const queryStart = rawUrl.indexOf('?');
  const pathname = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const search = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
  if (pathname !== basePath && !pathname.startsWith(`${basePath}/`)) return undefined;

  const path = pathname.slice(basePath.length);

  return { path, segments: path.split('/').slice(1), query: new URLSearchParams(search) };
}

/** The pathname of a raw target, for recording requests that fall outside the base path. */
export function rawPathname(rawUrl: string): string {
  const queryStart = rawUrl.indexOf('?');

  return queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
}

/** A percent-decoded path segment; a segment that does not decode is kept as it came. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
