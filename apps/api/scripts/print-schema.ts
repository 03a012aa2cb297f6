// Print the merged SDL to packages/graphql-schema/schema.graphql (checked in; clients generate from it).
// `--check` exits 1 when the checked-in file is stale (test/schema-drift.test.ts checks the same).
import { readFileSync, writeFileSync } from 'node:fs';

import { PRINTED_SDL_PATH, printedSdl } from '../src/schema/print.ts';

const sdl = printedSdl();
if (process.argv.includes('--check')) {
  if (readFileSync(PRINTED_SDL_PATH, 'utf8') !== sdl) {
    console.error(
      'packages/graphql-schema/schema.graphql is stale: run npm run schema:print -w @distillery/api',
    );
    process.exit(1);
  }
} else {
  writeFileSync(PRINTED_SDL_PATH, sdl);
  console.error(`wrote ${PRINTED_SDL_PATH}`);
}
