// Print the merged SDL to packages/graphql-schema/schema.graphql (checked in; clients generate from it).
// `--check` exits 1 when the checked-in file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';
import { lexicographicSortSchema, printSchema } from 'graphql';

import { loadTypeDefs } from '../src/schema/type-defs.ts';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'packages', 'graphql-schema', 'schema.graphql');
const sdl = `# Generated from apps/api/src/schema/*/schema.graphql by \`npm run schema:print -w @distillery/api\`; do not edit.\n\n${printSchema(lexicographicSortSchema(makeExecutableSchema({ typeDefs: loadTypeDefs() })))}\n`;
if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== sdl) {
    console.error('packages/graphql-schema/schema.graphql is stale: run npm run schema:print -w @distillery/api');
    process.exit(1);
  }
} else {
  writeFileSync(out, sdl);
  console.error(`wrote ${out}`);
}
