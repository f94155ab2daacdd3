import { GraphQLError, Kind, visit } from 'graphql';
import type { DocumentNode, ValidationContext } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Limits the document text before it is parsed or cached, and the introspection in it. Comments
 * and whitespace are not tokens, so without a size limit a document of a megabyte of comments
 * passes every token limit and sits in the parse cache; and an aliased `__schema` is a large
 * answer that no page-size limit prices.
 */
export function useDocumentLimits(maxBytes: number): Plugin {
  return {
    onParams({ params }) {
      const query = params.query;
      // UTF-16 length is at most the UTF-8 byte length, so only near the limit is it worth counting bytes.
      if (
        typeof query === 'string' &&
        query.length > maxBytes / 3 &&
        Buffer.byteLength(query) > maxBytes
      ) {
        throw createGraphQLError(
          `The GraphQL document is over ${maxBytes} bytes (QUERY_MAX_DOCUMENT_BYTES); send a smaller document`,
          { extensions: { code: 'QUERY_LIMIT_EXCEEDED', http: { status: 400 } } },
        );
      }
    },
    onValidate({ params, addValidationRule }) {
      if (countIntrospectionRoots(params.documentAST) > 1) {
        addValidationRule((context: ValidationContext) => {
          context.reportError(
            new GraphQLError('Ask for __schema or __type once per operation', {
              extensions: { code: 'QUERY_LIMIT_EXCEEDED' },
            }),
          );

          return {};
        });
      }
    },
  };
}

// Parsed documents come from Yoga's parse cache, so the same text gives the same object.
const counted = new WeakMap<DocumentNode, number>();

function countIntrospectionRoots(document: DocumentNode): number {
  const known = counted.get(document);
  if (known !== undefined) {
    return known;
  }

  let count = 0;
  visit(document, {
    [Kind.FIELD]: (node) => {
      if (INTROSPECTION_ROOTS.has(node.name.value)) {
        count += 1;
      }
    },
  });
  counted.set(document, count);

  return count;
}
