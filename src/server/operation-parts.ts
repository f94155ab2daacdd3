import { Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';

export interface OperationParts {
  /** The operation `operationName` names, or the first one when it names none. */
  operation: OperationDefinitionNode | null;
  fragments: Map<string, FragmentDefinitionNode>;
}

/** What a plugin walking an operation's selections needs from its document, in one pass. */
export function operationParts(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationParts {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | null = null;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    } else if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (operationName == null || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }

  return { operation, fragments };
}
