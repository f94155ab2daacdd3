import { JumpError } from '../upstream/jump-error.js';
import type { JumpResult } from '../upstream/jump-client.js';

/** A Jump object as it arrives: snake_case keys, values not yet trusted. */
export type JumpRecord = Record<string, unknown> & { id: string };

/** Reads a single-object answer, refusing anything that is not an object with a string id. */
/**
 * Reads a single-object answer. Given `expectedId`, an answer about another record is refused too:
 * showing it under the id that was asked for could put one patient's data on another's page.
 */
export function asRecord(result: JumpResult, expectedId?: string): JumpRecord {
  if (!isJumpRecord(result.data)) {
    throw malformed(result, 'an object with an id');
  }
  if (expectedId !== undefined && result.data.id !== expectedId) {
    throw malformed(result, `the record ${expectedId} that was asked for`);
  }

  return result.data;
}

/** Reads a list answer; items without an id are a malformed answer, not silently dropped. */
export function asRecords(result: JumpResult): JumpRecord[] {
  const data = result.data;
  if (!Array.isArray(data) || !data.every(isJumpRecord)) {
    throw malformed(result, 'a list of objects with ids');
  }

  return data;
}

function isJumpRecord(value: unknown): value is JumpRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}

function malformed(result: JumpResult, expected: string): JumpError {
  return new JumpError({
    kind: 'invalid_response',
    status: result.status,
    code: 'invalid_response',
    message: `Jump's answer was not ${expected}`,
    requestId: result.requestId,
  });
}

/** Field readers: a value of the wrong type reads as null rather than failing the object. */
export function text(key: string) {
  return (record: JumpRecord): string | null => {
    const value = record[key];

    return typeof value === 'string' ? value : null;
  };
}

export function firstText(...keys: string[]) {
  return (record: JumpRecord): string | null => {
    for (const key of keys) {
      const value = record[key];
      if (typeof value === 'string') {
        return value;
      }
    }

    return null;
  };
}

export function integer(key: string) {
  return (record: JumpRecord): number | null => {
    const value = record[key];

    return typeof value === 'number' && Number.isInteger(value) ? value : null;
  };
}

export function flag(key: string) {
  return (record: JumpRecord): boolean | null => {
    const value = record[key];

    return typeof value === 'boolean' ? value : null;
  };
}

/** JSON objects nested deeper than this are refused both ways; Jump's own data is shallow. */
export const MAX_JSON_DEPTH = 10;

export function object(key: string) {
  return (record: JumpRecord): Record<string, unknown> | null => {
    const value = record[key];

    return typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      jsonDepth(value, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH
      ? (value as Record<string, unknown>)
      : null;
  };
}

/** How deep a JSON value nests, counting no further than `limit + 1`. */
export function jsonDepth(value: unknown, limit: number): number {
  if (typeof value !== 'object' || value === null) {
    return 0;
  }
  if (limit < 0) {
    return 1;
  }

  let deepest = 0;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, jsonDepth(child, limit - 1));
    if (deepest > limit) {
      break;
    }
  }

  return deepest + 1;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A `YYYY-MM-DD` value (Jump sometimes appends a time); anything else reads as null. */
export function date(key: string) {
  return (record: JumpRecord): string | null => {
    const value = record[key];
    const day = typeof value === 'string' ? value.slice(0, 10) : '';

    return DATE.test(day) && !Number.isNaN(Date.parse(day)) ? day : null;
  };
}

/** Instants the facade will do arithmetic on: years 1000 to 9999. */
const EARLIEST = Date.UTC(1000, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

/** An ISO 8601 instant with a zone, normalised to UTC; anything else reads as null. */
export function instant(key: string) {
  return (record: JumpRecord): string | null => {
    const value = record[key];
    const time = typeof value === 'string' && INSTANT.test(value) ? Date.parse(value) : NaN;

    return time >= EARLIEST && time <= LATEST ? new Date(time).toISOString() : null;
  };
}
