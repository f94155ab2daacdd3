import { isRecord } from './jump-error.js';

/** Paging facts from either envelope; `total` is null when Jump does not give one (NEWER). */
export interface JumpPage {
  total: number | null;
  limit: number | null;
  offset: number | null;
  hasMore: boolean;
  nextOffset: number | null;
}

export interface JumpEnvelope {
  data: unknown;
  page: JumpPage | null;
  requestId: string | null;
}

/**
 * Reads a success body in the OLDER `{data, pagination}` or NEWER `{data, meta}` envelope. Returns
 * null when the body is not an envelope at all, which the caller reports as a bad upstream answer.
 */
export function parseEnvelope(parsed: unknown): JumpEnvelope | null {
  if (!isRecord(parsed) || !('data' in parsed)) {
    return null;
  }

  const meta = isRecord(parsed.meta) ? parsed.meta : null;
  const requestId = meta && typeof meta.request_id === 'string' ? meta.request_id : null;

  return { data: parsed.data, page: readPage(parsed.pagination, meta), requestId };
}

function readPage(pagination: unknown, meta: Record<string, unknown> | null): JumpPage | null {
  if (isRecord(pagination)) {
    const limit = intOrNull(pagination.limit);
    const offset = intOrNull(pagination.offset);
    const hasMore = pagination.has_more === true;
    const nextOffset = hasMore && limit !== null && offset !== null ? offset + limit : null;

    return { total: intOrNull(pagination.total), limit, offset, hasMore, nextOffset };
  }
  if (meta && ('has_more' in meta || 'next_offset' in meta)) {
    const nextOffset = intOrNull(meta.next_offset);
    const hasMore = meta.has_more === true || nextOffset !== null;

    return { total: null, limit: intOrNull(meta.limit), offset: null, hasMore, nextOffset };
  }

  return null;
}

/** Counts beyond GraphQL's 32-bit Int cannot be real page facts; they read as unknown. */
const MAX_INT = 2 ** 31 - 1;

function intOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INT
    ? value
    : null;
}
