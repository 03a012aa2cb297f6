import type { CodegenConfig } from '@graphql-codegen/cli';
import { typedDocumentsOutput } from '@distillery/graphql-schema/documents-codegen';

// Typed documents from the API's printed SDL and our operation files (`npm run codegen -w @distillery/web`).
const config: CodegenConfig = {
  schema: '../../packages/graphql-schema/schema.graphql',
  documents: ['src/graphql/{queries,mutations,subscriptions}/*.graphql'],
  ignoreNoDocuments: false,
  generates: typedDocumentsOutput('src/graphql/generated/graphql.ts', 'src/graphql/**/*.graphql'),
};

export { config as default };
