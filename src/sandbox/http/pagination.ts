import { HttpError, quote } from './http-error.js';
import { readQueryParam } from './query.js';
import { list, type Reply } from './reply.js';

export const MAX_LIMIT = 100;

export interface PageRequest {
  limit: number;
  offset: number;
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
  return {
    limit: readInteger(query, 'limit', LIMIT),
    offset: readInteger(query, 'offset', OFFSET),
  };
}

/** One page of `items` in the OLDER list envelope. */
export function pageOf(items: readonly unknown[], page: PageRequest): Reply {
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
