// A validator for the part of OpenAPI 3.0's schema language that schema/jump-openapi.yaml uses.
// It refuses any keyword it does not implement, so a schema can never pass by being misunderstood.

/** A schema object as the description writes it; `$ref` points into the same document. */
export interface SchemaObject {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  required?: string[];
  properties?: Record<string, SchemaObject>;
  items?: SchemaObject;
}

export interface ValidateOptions {
  /**
   * Also report properties that an object schema with `properties` does not list. The description
   * leaves objects open for clients, so this is how a test proves it names every field sent.
   */
  closed?: boolean;
}

const CHECKED = new Set([
  '$ref',
  'type',
  'nullable',
  'enum',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'maxLength',
  'required',
  'properties',
  'items',
]);
const ANNOTATIONS = new Set(['description', 'example', 'default', 'title']);

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (value) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value),
  'date-time': (value) =>
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(
      value,
    ),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  uri: (value) => URL.canParse(value) && /^[a-z][a-z\d+.-]*:/i.test(value),
};

/** The value a local `$ref` (`#/components/...`) points at, or an error naming the pointer. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported; got ${ref}`);

  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) {
        throw new Error(`$ref ${ref} does not resolve (no "${key}")`);
      }

      return (node as Record<string, unknown>)[key];
    }, document);
}

/** Every way `value` breaks `schema`, each message starting with the JSON path (`$.data[0].id`). */
export function validate(
  document: unknown,
  schema: SchemaObject,
  value: unknown,
  options: ValidateOptions = {},
): string[] {
  const problems: string[] = [];
  check(document, schema, value, '$', options, problems);

  return problems;
}

function check(
  document: unknown,
  schema: SchemaObject,
  value: unknown,
  path: string,
  options: ValidateOptions,
  problems: string[],
): void {
  refuseUnknownKeywords(schema, path);
  if (schema.$ref !== undefined) {
    const target = resolvePointer(document, schema.$ref) as SchemaObject;
    check(document, target, value, path, options, problems);
    return;
  }

  if (value === null) {
    if (!schema.nullable) problems.push(`${path}: is null, but the schema is not nullable`);
    return;
  }
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    problems.push(`${path}: expected ${schema.type}, got ${describe(value)}`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (typeof value === 'string') checkString(schema, value, path, problems);
  if (typeof value === 'number') checkNumber(schema, value, path, problems);
  if (Array.isArray(value)) {
    const { items } = schema;
    if (items) {
      value.forEach((item, index) =>
        check(document, items, item, `${path}[${index}]`, options, problems),
      );
    }
    return;
  }
  if (typeof value === 'object') {
    checkObject(document, schema, value as Record<string, unknown>, path, options, problems);
  }
}

function checkString(schema: SchemaObject, value: string, path: string, problems: string[]) {
  if (schema.format !== undefined) {
    const matches = FORMATS[schema.format];
    if (!matches) throw new Error(`${path}: the validator does not know format ${schema.format}`);

    if (!matches(value))
      problems.push(`${path}: ${JSON.stringify(value)} is not a ${schema.format}`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} does not match /${schema.pattern}/`);
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    problems.push(`${path}: is longer than ${schema.maxLength} characters`);
  }
}

function checkNumber(schema: SchemaObject, value: number, path: string, problems: string[]) {
  if (schema.minimum !== undefined && value < schema.minimum) {
    problems.push(`${path}: ${value} is less than ${schema.minimum}`);
  }
  if (schema.maximum !== undefined && value > schema.maximum) {
    problems.push(`${path}: ${value} is more than ${schema.maximum}`);
  }
}

function checkObject(
  document: unknown,
  schema: SchemaObject,
  value: Record<string, unknown>,
  path: string,
  options: ValidateOptions,
  problems: string[],
): void {
  for (const name of schema.required ?? []) {
    if (!Object.hasOwn(value, name)) problems.push(`${path}: missing required property ${name}`);
  }
  const properties = schema.properties;
  if (!properties) return;

  for (const [name, item] of Object.entries(value)) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (property) check(document, property, item, `${path}.${name}`, options, problems);
    else if (options.closed) problems.push(`${path}: property ${name} is not described`);
  }
}

function hasType(value: unknown, type: NonNullable<SchemaObject['type']>): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';

  return Number.isInteger(value) ? 'integer' : typeof value;
}

function refuseUnknownKeywords(schema: SchemaObject, path: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new Error(`${path}: the validator does not implement the keyword "${keyword}"`);
    }
  }
  if (
    schema.$ref !== undefined &&
    Object.keys(schema).some((key) => CHECKED.has(key) && key !== '$ref')
  ) {
    throw new Error(`${path}: a $ref with sibling keywords is ignored by OpenAPI 3.0`);
  }
}
