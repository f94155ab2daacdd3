import type { JumpResult } from '../upstream/jump-client.js';
import type { JumpPage } from '../upstream/envelope.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { asRecords } from './records.js';
import type { JumpRecord } from './records.js';

/** Jump's largest page; `first` above it is capped, not refused. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** One page of a Jump list, as a connection resolves it. */
export interface Page {
  records: JumpRecord[];
  offset: number;
  limit: number;
  page: JumpPage | null;
}

type RecordRef = ReturnType<typeof builder.objectRef<JumpRecord>>;

interface Edge {
  record: JumpRecord;
  cursor: string;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const PageInfo = builder.objectRef<Page>('PageInfo').implement({
  description: 'Where this page sits in the whole list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.boolean({ nullable: false, resolve: hasNextPage }),
    hasPreviousPage: t.boolean({ nullable: false, resolve: (page) => page.offset > 0 }),
    startCursor: t.string({
      resolve: (page) => (page.records.length > 0 ? encodeCursor(page.offset) : null),
    }),
    endCursor: t.string({
      resolve: (page) =>
        page.records.length > 0 ? encodeCursor(page.offset + page.records.length - 1) : null,
    }),
  }),
});

/** Defines `<Name>Connection` and `<Name>Edge` around a node type. */
export function connectionOf(name: string, node: RecordRef) {
  const edge = builder.objectRef<Edge>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor', { nullable: false }),
      node: t.field({ type: node, nullable: false, resolve: (edge) => edge.record }),
    }),
  });

  return builder.objectRef<Page>(`${name}Connection`).implement({
    description: `A page of ${name} objects. Cursors are opaque; pass \`endCursor\` as \`after\`.`,
    fields: (t) => ({
      edges: t.field({
        type: [edge],
        nullable: { list: false, items: false },
        resolve: (page) =>
          page.records.map((record, index) => ({
            record,
            cursor: encodeCursor(page.offset + index),
          })),
      }),
      nodes: t.field({
        type: [node],
        nullable: { list: false, items: false },
        description: 'The same objects as `edges.node`, for clients that do not need cursors.',
        resolve: (page) => page.records,
      }),
      pageInfo: t.field({ type: PageInfo, nullable: false, resolve: (page) => page }),
      totalCount: t.int({
        description: 'How many objects the whole list holds, when Jump reports it.',
        resolve: (page) => page.page?.total ?? null,
      }),
    }),
  });
}

export const pageArgDescriptions = {
  first: `How many objects to return: ${DEFAULT_PAGE_SIZE} by default, at most ${MAX_PAGE_SIZE} (larger values are capped).`,
  after: 'The `endCursor` of the previous page.',
};

/** Turns `first`/`after` into Jump's `limit`/`offset`, refusing what cannot be a page. */
export function readPageArgs(args: PageArgs): { limit: number; offset: number } {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1) {
    throw badUserInput(
      `first must be at least 1 (values above ${MAX_PAGE_SIZE} are capped); got ${first}`,
      'first',
    );
  }

  const offset = args.after === undefined || args.after === null ? 0 : decodeCursor(args.after) + 1;

  return { limit: Math.min(first, MAX_PAGE_SIZE), offset };
}

/** A page as Jump answered it, trimmed to what was asked for should Jump send more. */
export function toPage(result: JumpResult, request: { limit: number; offset: number }): Page {
  return { records: asRecords(result).slice(0, request.limit), ...request, page: result.page };
}

function hasNextPage(page: Page): boolean {
  // Without a cursor to continue from, a next page cannot be reached, whatever Jump says.
  if (page.records.length === 0) {
    return false;
  }
  if (page.page) {
    return page.page.hasMore;
  }

  return page.records.length >= page.limit;
}

const CURSOR_PREFIX = 'offset:';
const CURSOR_PATTERN = /^offset:(\d{1,10})$/;
const MAX_OFFSET = 1_000_000_000;

function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const decoded = cursor.length <= 64 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = CURSOR_PATTERN.exec(decoded);
  const offset = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(offset) || offset > MAX_OFFSET) {
    throw badUserInput('after is not a cursor this API issued', 'after');
  }

  return offset;
}
