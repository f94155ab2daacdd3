import { readFileSync } from 'node:fs';
import { Kind, getNamedType, isObjectType, parse } from 'graphql';
import type { GraphQLField } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSchemaFile } from '../src/graphql/print-schema.js';
import { schema } from '../src/graphql/schema.js';

const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');

/** `Type.field` → scope, as the committed SDL's `@requiresScope` directives say. */
function directiveScopes(sdl: string): Map<string, string> {
  const scopes = new Map<string, string>();
  for (const definition of parse(sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((node) => node.name.value === 'requiresScope');
      const argument = directive?.arguments?.[0]?.value;
      if (argument?.kind === Kind.STRING) {
        scopes.set(`${definition.name.value}.${field.name.value}`, argument.value);
      }
    }
  }

  return scopes;
}

function scopeOf(field: GraphQLField<unknown, unknown>): string | undefined {
  return field.extensions.requiresScope as string | undefined;
}

describe('the printed schema', () => {
  it('matches schema/schema.graphql (run `npm run schema` when this fails)', () => {
    expect(committed).toBe(printSchemaFile());
  });

  it('declares the requiresScope directive', () => {
    expect(committed).toContain('directive @requiresScope(scope: String!) on FIELD_DEFINITION');
  });

  it('puts a scope on every root field, since each one reaches Jump', () => {
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        expect(scopeOf(field), `${root?.name}.${field.name}`).toMatch(/^(read|write)_[a-z_]+$/);
      }
    }
  });

  it('shows each scope as a directive in the SDL and names it in the field description', () => {
    const scoped = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => scopeOf(field) !== undefined);
    const printed = directiveScopes(committed);

    expect(scoped.length).toBeGreaterThan(8);
    expect(printed.size).toBe(scoped.length);
    for (const { type, field } of scoped) {
      const scope = scopeOf(field);
      expect(printed.get(`${type.name}.${field.name}`), `${type.name}.${field.name}`).toBe(scope);
      expect(field.description).toContain(`Requires the \`${scope}\` scope.`);
    }
  });

  it('scopes the nested fields that reach Jump', () => {
    const patient = schema.getType('Patient');
    const consultation = schema.getType('Consultation');

    expect(isObjectType(patient) && scopeOf(patient.getFields().consultations!)).toBe(
      'read_consultations',
    );
    expect(isObjectType(consultation) && scopeOf(consultation.getFields().patient!)).toBe(
      'read_patients',
    );
  });

  it('leaves fields that only read data already fetched without a scope', () => {
    const patient = schema.getType('Patient');
    const unscoped = isObjectType(patient)
      ? Object.values(patient.getFields()).filter((field) => scopeOf(field) === undefined)
      : [];

    expect(unscoped.every((field) => isObjectType(getNamedType(field.type)) === false)).toBe(true);
  });
});
