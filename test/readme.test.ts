import { readFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/graphql/schema.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README', () => {
  it('lists every query and mutation with the scope it needs', () => {
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        const row = readme
          .split('\n')
          .find((line) => line.startsWith('|') && line.includes(`\`${root?.name}.${field.name}(`));

        expect(row, `${root?.name}.${field.name}`).toBeDefined();
        expect(row).toContain(`\`${String(field.extensions.requiresScope)}\``);
      }
    }
  });

  it('names the scope of every nested field that reaches Jump', () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || ['Query', 'Mutation'].includes(type.name)) {
        continue;
      }
      for (const field of Object.values(type.getFields())) {
        const scope = field.extensions.requiresScope;
        if (scope) {
          expect(readme, `${type.name}.${field.name}`).toMatch(
            new RegExp(`${type.name}\\.[^|]*\\b${field.name}\\b`),
          );
          expect(readme).toContain(`\`${String(scope)}\``);
        }
      }
    }
  });

  it('documents every configuration variable the server reads', () => {
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const variables = [...source.matchAll(/read(?:<\w+>)?\('([A-Z_]+)'/g)].map((match) => match[1]);

    expect(variables.length).toBeGreaterThan(5);
    for (const variable of variables) {
      expect(readme, variable).toContain(`\`${variable}\``);
    }
  });
});
