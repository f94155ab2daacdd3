import { writeFileSync } from 'node:fs';
import { printSchemaFile } from '../src/graphql/print-schema.js';

const target = new URL('../schema/schema.graphql', import.meta.url);
writeFileSync(target, printSchemaFile());
console.log(`Wrote ${target.pathname}`);
