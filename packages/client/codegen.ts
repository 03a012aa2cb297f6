import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the API's printed SDL and our operation files (`npm run codegen -w @distillery/client`).
const config: CodegenConfig = {
  schema: '../graphql-schema/schema.graphql',
  documents: ['src/graphql/*.graphql', 'src/graphql/{queries,mutations,subscriptions}/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, gqlTagName: 'gql' },
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
  },
};

export { config as default };
