import { builder } from './builder.js';
import type { Resource } from './loaders.js';
import { text } from './records.js';
import type { RecordRef } from './types/refs.js';

export interface ReferenceSpec {
  /** The GraphQL field for the object; `<field>Id` carries the bare id. */
  field: string;
  /** Jump's key holding the id, e.g. `clinician_profile_id`. */
  key: string;
  target: RecordRef;
  resource: Resource;
  scope: string;
  description?: string;
}

/**
 * Adds an id field and an object field for a reference to another Jump object. The object is
 * loaded through the request's DataLoader, so every reference to the same resource in one
 * operation is batched and each id fetched once.
 */
export function addReference(ref: RecordRef, spec: ReferenceSpec): void {
  builder.objectFields(ref, (t) => ({
    [`${spec.field}Id`]: t.id({ resolve: text(spec.key) }),
    [spec.field]: t.field({
      type: spec.target,
      requiresScope: spec.scope,
      description: spec.description,
      resolve: (record, _args, context) => {
        const id = text(spec.key)(record);

        return id === null ? null : context.loaders[spec.resource].load(id);
      },
    }),
  }));
}

/** `createdAt` and `updatedAt`, which every Jump object carries. */
export function addTimestamps(ref: RecordRef): void {
  builder.objectFields(ref, (t) => ({
    createdAt: t.field({ type: 'DateTime', resolve: text('created_at') }),
    updatedAt: t.field({ type: 'DateTime', resolve: text('updated_at') }),
  }));
}
