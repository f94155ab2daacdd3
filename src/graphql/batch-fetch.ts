import type { IdInSupport } from '../upstream/id-in-support.js';
import { JumpError } from '../upstream/jump-error.js';
import { RESOURCE_ROUTES } from '../upstream/jump-routes.js';
import type { Resource } from '../upstream/jump-routes.js';
import type { JumpSession } from '../upstream/jump-session.js';
import { MAX_PAGE_SIZE } from './connection.js';
import { asRecord, asRecords } from './records.js';
import type { JumpRecord } from './records.js';

export interface BatchOptions {
  idIn: IdInSupport;
  /** Single gets in flight at once when a batch cannot be one list call. */
  concurrency: number;
}

/** Keeps one `id_in` query string inside common 8 KB request-line limits, with room to spare. */
const MAX_ID_IN_CHARACTERS = 6_000;

/**
 * Fetches objects by id for one DataLoader batch. Several ids become one list call filtered with
 * `id_in`; the answer is used only as far as it is exactly what was asked for (a Jump that ignores
 * the filter answers an unfiltered page), and any id it does not cover is fetched on its own, so a
 * missing object still gets Jump's own 404.
 */
export async function fetchByIds(
  jump: JumpSession,
  resource: Resource,
  ids: readonly string[],
  options: BatchOptions,
): Promise<Map<string, JumpRecord | Error>> {
  const found = new Map<string, JumpRecord | Error>();
  if (ids.length === 1) {
    const id = ids[0] as string;
    found.set(id, await getOne(jump, resource, id));

    return found;
  }

  const { list } = RESOURCE_ROUTES[resource];
  const listable = ids.filter((id) => !id.includes(','));
  if (listable.length > 1 && options.idIn.usable(list, jump.keyIdentity)) {
    await Promise.all(
      chunk(listable).map((part) => listByIds(jump, resource, part, options, found)),
    );
  }

  const rest = ids.filter((id) => !found.has(id));
  await withConcurrency(rest, options.concurrency, async (id) => {
    found.set(id, await getOne(jump, resource, id));
  });

  return found;
}

async function listByIds(
  jump: JumpSession,
  resource: Resource,
  ids: string[],
  options: BatchOptions,
  found: Map<string, JumpRecord | Error>,
): Promise<void> {
  const { list } = RESOURCE_ROUTES[resource];
  let records: JumpRecord[];
  try {
    const result = await jump.read({
      route: list,
      query: { id_in: ids.join(','), limit: ids.length },
    });
    records = asRecords(result);
  } catch (error) {
    // A refusal of the key or of its quota would refuse every single get too; anything else (an
    // unknown filter, an id the list chokes on, a bad answer) leaves the ids to be fetched alone.
    if (error instanceof JumpError && [401, 403, 429].includes(error.status ?? 0)) {
      for (const id of ids) {
        found.set(id, error);
      }
    } else if (error instanceof JumpError && [400, 422].includes(error.status ?? 0)) {
      options.idIn.markUnsupported(list, jump.keyIdentity);
    }

    return;
  }

  const wanted = new Set(ids);
  if (records.some((record) => !wanted.has(record.id))) {
    options.idIn.markUnsupported(list, jump.keyIdentity);
  }
  for (const record of records) {
    if (wanted.has(record.id)) {
      found.set(record.id, record);
    }
  }
}

function getOne(jump: JumpSession, resource: Resource, id: string): Promise<JumpRecord | Error> {
  return jump
    .read({ route: RESOURCE_ROUTES[resource].item, params: { id } })
    .then((result) => asRecord(result, id), toError);
}

function chunk(ids: string[]): string[][] {
  const parts: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const id of ids) {
    const encoded = encodeURIComponent(id).length + 3;
    if (
      current.length === MAX_PAGE_SIZE ||
      (current.length > 0 && length + encoded > MAX_ID_IN_CHARACTERS)
    ) {
      parts.push(current);
      current = [];
      length = 0;
    }
    current.push(id);
    length += encoded;
  }
  if (current.length > 0) {
    parts.push(current);
  }

  return parts;
}

async function withConcurrency<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await run(item);
    }
  });
  await Promise.all(workers);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
