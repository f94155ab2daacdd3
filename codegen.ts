import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the operations under examples/operations, read from the committed SDL. Tests
 * send these same documents, and a test fails when the generated files are stale.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['examples/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'examples/generated/': {
      preset: 'client',
      // persisted-documents.json (hash → document) is the manifest for trusted-documents mode.
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          Date: 'string',
          DateTime: 'string',
          JSONObject: 'Record<string, unknown>',
        },
      },
    },
  },
};

export default config;
