import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';

import { graphqlRuntime } from '../graphql-runtime.ts';
import { loadTypeDefs } from './type-defs.ts';

/** Where the merged SDL is checked in for clients (dashboard, typed client, CLI). */
export const PRINTED_SDL_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'packages',
  'graphql-schema',
  'schema.graphql',
);

/** Where the vocabulary enums printed from @distillery/domain are checked in (one SDL module). */
export const VOCABULARY_SDL_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  'vocabulary',
  'schema.graphql',
);

/** The merged SDL of every module, sorted, with its do-not-edit header. */
export function printedSdl(): string {
  const { lexicographicSortSchema, printSchema } = graphqlRuntime;
  const schema = lexicographicSortSchema(makeExecutableSchema({ typeDefs: loadTypeDefs() }));
  return `# Generated from apps/api/src/schema/*/schema.graphql by \`npm run schema:print -w @distillery/api\`; do not edit.\n\n${printSchema(schema)}\n`;
}
