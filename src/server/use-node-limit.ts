import { GraphQLError, Kind, getNamedType, isInterfaceType, isObjectType } from 'graphql';
import type {
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/connection.js';

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  memo: Map<string, number>;
}

/**
 * Refuses an operation whose worst case returns more than `maxNodes` objects. Each field taking
 * `first` multiplies everything below it by its page size, so nested connections are priced as
 * the amplification they are, even when every object comes from the per-request cache.
 */
export function useNodeLimit(maxNodes: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const walk: Walk = {
        schema: args.schema,
        fragments: new Map(),
        variables: (args.variableValues ?? {}) as Record<string, unknown>,
        memo: new Map(),
      };
      let operation = null;
      for (const definition of args.document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) {
          walk.fragments.set(definition.name.value, definition);
        } else if (
          definition.kind === Kind.OPERATION_DEFINITION &&
          (args.operationName == null || definition.name?.value === args.operationName)
        ) {
          operation ??= definition;
        }
      }
      const root = operation ? args.schema.getRootType(operation.operation) : undefined;
      const estimated = operation && root ? cost(operation.selectionSet, root, walk) : 0;
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
      const size = listSize(field.args, selection.arguments ?? [], walk.variables);
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
  variables: Record<string, unknown>,
): number {
  const names = new Set(definitions.map((arg) => arg.name));
  if (names.has('first')) {
    return pageSize(args, variables);
  }
  if (names.has('startDate') && names.has('endDate')) {
    const start = Date.parse(String(argumentValue(args, 'startDate', variables)));
    const end = Date.parse(String(argumentValue(args, 'endDate', variables)));
    const days = Number.isNaN(start) || Number.isNaN(end) ? 1 : (end - start) / 86_400_000 + 1;

    return Math.max(1, Math.min(days, 366)) * SLOTS_PER_DAY;
  }

  return 1;
}

function argumentValue(
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
  name: string,
  variables: Record<string, unknown>,
): unknown {
  const node = args.find((arg) => arg.name.value === name)?.value;
  if (node?.kind === Kind.STRING) {
    return node.value;
  }

  return node?.kind === Kind.VARIABLE ? variables[node.name.value] : undefined;
}

function pageSize(
  args: ReadonlyArray<{ name: { value: string }; value: ValueNode }>,
  variables: Record<string, unknown>,
): number {
  const node = args.find((arg) => arg.name.value === 'first')?.value;
  let first: unknown = DEFAULT_PAGE_SIZE;
  if (node?.kind === Kind.INT) {
    first = Number(node.value);
  } else if (node?.kind === Kind.VARIABLE) {
    first = variables[node.name.value] ?? DEFAULT_PAGE_SIZE;
  }

  return typeof first === 'number' && first > 0 ? Math.min(first, MAX_PAGE_SIZE) : 1;
}
