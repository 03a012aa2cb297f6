// Print the vocabulary enums from @distillery/domain to src/schema/vocabulary/schema.graphql, then the
// merged SDL to packages/graphql-schema/schema.graphql (both checked in; clients generate from the
// latter). `--check` exits 1 when either is stale (test/schema-drift.test.ts checks the same).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

import { PRINTED_SDL_PATH, printedSdl, VOCABULARY_SDL_PATH } from '../src/schema/print.ts';
import { vocabularySdl } from '../src/schema/vocabulary/print-vocabulary.ts';

const check = process.argv.includes('--check');
const vocabulary = vocabularySdl();
if (check) {
  if (!existsSync(VOCABULARY_SDL_PATH) || readFileSync(VOCABULARY_SDL_PATH, 'utf8') !== vocabulary) {
    console.error(
      'src/schema/vocabulary/schema.graphql is stale: run npm run schema:print -w @distillery/api',
    );
    process.exit(1);
  }
} else writeFileSync(VOCABULARY_SDL_PATH, vocabulary);
const sdl = printedSdl();
if (check) {
  if (readFileSync(PRINTED_SDL_PATH, 'utf8') !== sdl) {
    console.error(
      'packages/graphql-schema/schema.graphql is stale: run npm run schema:print -w @distillery/api',
    );
    process.exit(1);
  }
} else {
  writeFileSync(PRINTED_SDL_PATH, sdl);
  console.error(`wrote ${VOCABULARY_SDL_PATH} and ${PRINTED_SDL_PATH}`);
}
