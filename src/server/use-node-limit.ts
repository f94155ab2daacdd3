import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import type {
  DocumentNode,
  ExecutionArgs,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/connection.js';
import { operationParts } from './operation-parts.js';

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  memo: Map<string, number>;
  /** Whether a page size or date window was read from a variable, so the cost is per request. */
  readVariables: boolean;
  /** The operation's variable defaults, used where the request sends no value. */
  defaults: Map<string, ValueNode>;
}

/**
 * Refuses an operation whose worst case returns more than `maxNodes` objects. Each field taking
 * `first` multiplies everything below it by its page size, so nested connections are priced as
 * the amplification they are, even when every object comes from the per-request cache.
 */
export function useNodeLimit(maxNodes: number): Plugin {
  // Yoga's parse cache hands the same document object to every request sending the same text, so
  // an estimate that read no variable is kept per document and operation name.
  const estimates: Estimates = new WeakMap();

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimated = estimateOnce(estimates, args);
      if (estimated > maxNodes) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `This operation could return ${Math.round(estimated)} objects; the limit is ${maxNodes}. ` +
                'Ask for smaller pages (first) or fewer nested lists.',
              { extensions: { code: 'MAX_NODES_EXCEEDED', estimatedNodes: estimated, maxNodes } },
            ),
          ],
        });
      }
    },
  };
}

type Estimates = WeakMap<DocumentNode, Map<string, number>>;

/** The estimate for `args`, from `estimates` when an earlier request had the same document. */
function estimateOnce(estimates: Estimates, args: ExecutionArgs): number {
  const operationKey = args.operationName ?? '';
  const known = estimates.get(args.document)?.get(operationKey);
  if (known !== undefined) {
    return known;
  }

  const walk: Walk = {
    schema: args.schema,
    fragments: new Map(),
    variables: (args.variableValues ?? {}) as Record<string, unknown>,
    memo: new Map(),
    readVariables: false,
    defaults: new Map(),
  };
  const estimated = estimate(args.document, args.operationName, walk);
  if (!walk.readVariables) {
    const byOperation = estimates.get(args.document) ?? new Map<string, number>();
    byOperation.set(operationKey, estimated);
    estimates.set(args.document, byOperation);
  }

  return estimated;
}

/** Objects the chosen operation of `document` can return. */
function estimate(
  document: DocumentNode,
  operationName: string | null | undefined,
  walk: Walk,
): number {
  const { operation, fragments } = operationParts(document, operationName);
  walk.fragments = fragments;
  for (const definition of operation?.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      walk.defaults.set(definition.variable.name.value, definition.defaultValue);
    }
  }
  const root = operation ? walk.schema.getRootType(operation.operation) : undefined;

  return operation && root ? cost(operation.selectionSet, root, walk) : 0;
}

/** Objects one instance of `selectionSet` on `type` can return. */
function cost(selectionSet: SelectionSetNode, type: GraphQLNamedType, walk: Walk): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field =
        isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : null;
      if (!field || !selection.selectionSet) {
        continue;
      }
      const size = listSize(field.args, selection.arguments ?? [], walk);
      total += size * (1 + cost(selection.selectionSet, getNamedType(field.type), walk));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      total += cost(selection.selectionSet, walk.schema.getType(condition ?? '') ?? type, walk);
    } else {
      total += fragmentCost(selection.name.value, type, walk);
    }
  }

  return total;
}

/** Fragments are priced once per type, so repeated spreads cannot make the estimate itself slow. */
function fragmentCost(name: string, type: GraphQLNamedType, walk: Walk): number {
  const key = `${name}@${type.name}`;
  const known = walk.memo.get(key);
  if (known !== undefined) {
    return known;
  }

  const fragment = walk.fragments.get(name);
  walk.memo.set(key, 0);
  const value = fragment
    ? cost(
        fragment.selectionSet,
        walk.schema.getType(fragment.typeCondition.name.value) ?? type,
        walk,
      )
    : 0;
  walk.memo.set(key, value);

  return value;
}

/** Slots one day of availability is priced at: a busy practice's day of short appointments. */
export const SLOTS_PER_DAY = 100;

/**
 * How many objects one instance of a field returns at most: a page size for fields taking
 * `first`, days × SLOTS_PER_DAY for a date window (`startDate`/`endDate`), else one.
 */
function listSize(
  definitions: ReadonlyArray<{ name: string }>,
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
  walk: Walk,
): number {
  const names = new Set(definitions.map((arg) => arg.name));
  if (names.has('first')) {
    return pageSize(args, walk);
  }
  if (names.has('startDate') && names.has('endDate')) {
    const start = Date.parse(String(argumentValue(args, 'startDate', walk)));
    const end = Date.parse(String(argumentValue(args, 'endDate', walk)));
    const days = Number.isNaN(start) || Number.isNaN(end) ? 1 : (end - start) / 86_400_000 + 1;

    return Math.max(1, Math.min(days, 366)) * SLOTS_PER_DAY;
  }

  return 1;
}

function argumentValue(
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
  name: string,
  walk: Walk,
): unknown {
  const node = args.find((arg) => arg.name.value === name)?.value;
  if (node?.kind === Kind.STRING) {
    return node.value;
  }

  return node?.kind === Kind.VARIABLE ? variable(walk, node.name.value) : undefined;
}

/** A variable's value as execution will see it: the one sent, else the operation's default. */
function variable(walk: Walk, name: string): unknown {
  walk.readVariables = true;
  if (walk.variables[name] !== undefined) {
    return walk.variables[name];
  }

  const fallback = walk.defaults.get(name);

  return fallback === undefined ? undefined : valueFromASTUntyped(fallback);
}

function pageSize(
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
  walk: Walk,
): number {
  const node = args.find((arg) => arg.name.value === 'first')?.value;
  let first: unknown = DEFAULT_PAGE_SIZE;
  if (node?.kind === Kind.INT) {
    first = Number(node.value);
  } else if (node?.kind === Kind.VARIABLE) {
    first = variable(walk, node.name.value) ?? DEFAULT_PAGE_SIZE;
  }

  return typeof first === 'number' && first > 0 ? Math.min(first, MAX_PAGE_SIZE) : 1;
}
