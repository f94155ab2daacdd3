import { HttpError, quote } from './http-error.js';
import { readQueryParam } from './query.js';
import { list, type Reply } from './reply.js';

export const MAX_LIMIT = 100;

export interface PageRequest {
  limit: number;
  offset: number;
  /** NEWER `id_in` filter: only these ids, when given. */
  ids?: ReadonlySet<string>;
}

interface IntegerRule {
  fallback: number;
  min: number;
  max: number;
  description: string;
}

const LIMIT: IntegerRule = {
  fallback: MAX_LIMIT,
  min: 1,
  max: MAX_LIMIT,
  description: `an integer from 1 to ${MAX_LIMIT}`,
};

const OFFSET: IntegerRule = {
  fallback: 0,
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  description: 'a non-negative integer',
};

/** OLDER paging: `limit` 1–100 (default 100) and `offset` ≥ 0 (default 0), plain digits only. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const page: PageRequest = {
    limit: readInteger(query, 'limit', LIMIT),
    offset: readInteger(query, 'offset', OFFSET),
  };
  const idIn = readQueryParam(query, 'id_in');
  if (idIn !== undefined) {
    const ids = idIn.split(',').filter((id) => id.length > 0);
    if (ids.length === 0 || ids.length > MAX_LIMIT) {
      throw new HttpError(400, `id_in must list 1 to ${MAX_LIMIT} ids; received ${ids.length}`);
    }
    page.ids = new Set(ids);
  }

  return page;
}

/** One page of `items` in the OLDER list envelope, after the `id_in` filter if any. */
export function pageOf(all: readonly unknown[], page: PageRequest): Reply {
  const { ids } = page;
  const items = ids ? all.filter((item) => ids.has((item as { id: string }).id)) : all;
  const data = items.slice(page.offset, page.offset + page.limit);

  return list(data, {
    total: items.length,
    limit: page.limit,
    offset: page.offset,
    has_more: page.offset + data.length < items.length,
  });
}

function readInteger(query: URLSearchParams, name: string, rule: IntegerRule): number {
  const text = readQueryParam(query, name);
  if (text === undefined) return rule.fallback;

  const value = Number(text);
  if (!/^\d+$/.test(text) || value < rule.min || value > rule.max) {
    throw new HttpError(400, `${name} must be ${rule.description}; received ${quote(text)}`);
  }

  return value;
}
