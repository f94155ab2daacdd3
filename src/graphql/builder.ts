import SchemaBuilder from '@pothos/core';
import { toGraphQLError, unauthenticated } from './errors.js';
import type { Context } from './context.js';
import RequiresScopePlugin from './plugins/requires-scope/index.js';

export type Scalars = {
  Date: { Input: string; Output: string };
  DateTime: { Input: Date; Output: string | Date };
  JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
};

/**
 * The schema builder. Fields are nullable unless declared otherwise: Jump's two documentation
 * generations disagree on field names and values, and a missing value should null one field, not
 * the object around it.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: Scalars;
}>({
  plugins: [RequiresScopePlugin],
  requiresScope: {
    authenticate: (context) => {
      if (context.auth.problem !== null) {
        throw unauthenticated(context.auth.problem);
      }
    },
    formatError: (error, scope) => toGraphQLError(error, scope),
  },
});

builder.queryType({});
builder.mutationType({});
