import { JumpError } from '../upstream/jump-error.js';
import { describeInvalidId } from '../upstream/jump-id.js';
import { builder } from './builder.js';
import type { Resource } from '../upstream/jump-routes.js';
import { instant, text } from './records.js';
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
        if (id === null) {
          return null;
        }
        if (describeInvalidId(id) !== null) {
          throw new JumpError({
            kind: 'invalid_response',
            status: null,
            code: 'invalid_reference',
            message: `Jump returned a ${spec.key} that cannot be an id`,
            requestId: null,
          });
        }

        return context.loaders.load(spec.resource, id);
      },
    }),
  }));
}

/** `createdAt` and `updatedAt`, which every Jump object carries. */
export function addTimestamps(ref: RecordRef): void {
  builder.objectFields(ref, (t) => ({
    createdAt: t.field({ type: 'DateTime', resolve: instant('created_at') }),
    updatedAt: t.field({ type: 'DateTime', resolve: instant('updated_at') }),
  }));
}
