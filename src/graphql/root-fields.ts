import type { JumpCall } from '../upstream/jump-session.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { checkId } from './ids.js';
import type { Resource } from '../upstream/jump-routes.js';
import { asRecord } from './records.js';
import type { JumpRecord } from './records.js';
import type { RecordRef } from './types/refs.js';

/** `Query.<name>(id: ID!)`: one object through the loader; null with NOT_FOUND when absent. */
export function addItemQuery(
  name: string,
  ref: RecordRef,
  resource: Resource,
  scope: string,
  what: string,
): void {
  builder.queryField(name, (t) =>
    t.field({
      type: ref,
      requiresScope: scope,
      description: `One ${what} by Jump id; null with a NOT_FOUND error when there is none.`,
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, args, context) =>
        context.loaders.load(resource, checkId(String(args.id), 'id')),
    }),
  );
}

/**
 * Sends a write and returns the object Jump answers with, replacing any copy the request's loader
 * holds so the rest of the operation reads the new state.
 */
export async function writeRecord(
  context: Context,
  resource: Resource,
  method: 'POST' | 'PATCH',
  call: JumpCall,
  body: unknown,
): Promise<JumpRecord> {
  const record = asRecord(await context.jump.write(method, call, body));
  context.loaders.prime(resource, record);

  return record;
}
