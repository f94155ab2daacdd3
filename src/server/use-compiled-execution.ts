import { GraphQLError, Kind } from 'graphql';
import type {
  DocumentNode,
  ExecutionArgs,
  ExecutionResult,
  FieldNode,
  FragmentDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { operationParts } from './operation-parts.js';

export interface CompiledExecutionOptions {
  /** Times a document runs through graphql-js before it is compiled. @default 3 */
  compileAfter?: number;
  /** Compiled operations kept; the least recently used is dropped first. @default 50 */
  maxCompiled?: number;
}

/**
 * Executes operations with graphql-jit, which compiles each one into a function once and then runs
 * it without graphql-js's per-field interpretation. Compiling costs about as much as a few
 * executions and holds a couple of hundred kilobytes for a large operation, so only a document
 * that has already run `compileAfter` times is compiled (a client sending ever-new documents never
 * pays for it), and only `maxCompiled` compiled operations are kept. An operation graphql-jit
 * cannot compile keeps running through graphql-js.
 */
export function useCompiledExecution(options: CompiledExecutionOptions = {}): Plugin {
  const compileAfter = options.compileAfter ?? 3;
  const maxCompiled = options.maxCompiled ?? 50;
  const runs = new WeakMap<DocumentNode, number>();
  // By document, then operation name; null when graphql-jit refused the operation.
  const compiled = new Map<DocumentNode, Map<string, CompiledQuery | null>>();

  const compiledFor = (args: ExecutionArgs): CompiledQuery | null => {
    const count = (runs.get(args.document) ?? 0) + 1;
    runs.set(args.document, count);
    if (count <= compileAfter) {
      return null;
    }

    const operations = compiled.get(args.document) ?? new Map<string, CompiledQuery | null>();
    const operation = args.operationName ?? '';
    let query = operations.get(operation);
    if (query === undefined) {
      const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
      query = isCompiledQuery(result) ? result : null;
      operations.set(operation, query);
    }
    // Re-inserted on every use, so the map's first key is always the least recently used.
    compiled.delete(args.document);
    compiled.set(args.document, operations);
    if (compiled.size > maxCompiled) {
      compiled.delete(compiled.keys().next().value as DocumentNode);
    }

    return query;
  };

  return {
    onExecute({ args, setExecuteFn }) {
      const query = compiledFor(args);
      if (query) {
        setExecuteFn(async (final: ExecutionArgs) =>
          withLocations(
            await query.query(final.rootValue, final.contextValue, final.variableValues),
            final,
          ),
        );
      }
    },
  };
}

/**
 * graphql-jit reports errors through a GraphQLError subclass of its own, which prints no
 * `locations`; each becomes graphql-js's own, located from its path, so an answer reads the same
 * whichever engine ran it.
 */
function withLocations(result: ExecutionResult, args: ExecutionArgs): ExecutionResult {
  const reportedErrors = result.errors;
  if (!reportedErrors || reportedErrors.every((error) => error.constructor === GraphQLError)) {
    return result;
  }

  const { operation, fragments } = operationParts(args.document, args.operationName);
  const selectionSet = operation?.selectionSet;
  const errors = reportedErrors.map((reported) => {
    const error = reported as Pick<
      GraphQLError,
      'message' | 'path' | 'originalError' | 'extensions'
    >;
    if (reported.constructor === GraphQLError) {
      return reported;
    }

    const node = error.path && selectionSet ? fieldAt(selectionSet, error.path, fragments) : null;

    return new GraphQLError(error.message, {
      nodes: node ? [node] : undefined,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });

  return { ...result, errors };
}

/** The field node a response path leads to, through list indices and fragments. */
function fieldAt(
  selectionSet: SelectionSetNode,
  path: ReadonlyArray<string | number>,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode | undefined {
  const [key, ...rest] = path.filter((segment) => typeof segment === 'string');
  const field = findField(selectionSet, key, fragments);
  if (!field || rest.length === 0 || !field.selectionSet) {
    return rest.length === 0 ? field : undefined;
  }

  return fieldAt(field.selectionSet, rest, fragments);
}

function findField(
  selectionSet: SelectionSetNode,
  key: string | number | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias ?? selection.name).value === key) {
        return selection;
      }
      continue;
    }
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : fragments.get(selection.name.value)?.selectionSet;
    const found = inner ? findField(inner, key, fragments) : undefined;
    if (found) {
      return found;
    }
  }

  return undefined;
}
