import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema } from 'graphql';
import { schema } from './schema.js';

const HEADER =
  '# Generated from the Pothos schema by `npm run schema`; do not edit by hand.\n' +
  '# A test fails when this file is stale.\n\n';

/** The SDL committed as schema/schema.graphql, with `@requiresScope` on every upstream field. */
export function printSchemaFile(): string {
  return `${HEADER}${printSchemaWithDirectives(lexicographicSortSchema(schema))}\n`;
}
