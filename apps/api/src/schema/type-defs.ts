import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { mergeTypeDefs } from '@graphql-tools/merge';
import type { DocumentNode } from 'graphql';

const SCHEMA_DIR = dirname(fileURLToPath(import.meta.url));

/** Every module's SDL (`src/schema/<module>/schema.graphql`), merged into one document. */
export function loadTypeDefs(): DocumentNode {
  const modules = readdirSync(SCHEMA_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(SCHEMA_DIR, d.name, 'schema.graphql'))
    .sort();
  return mergeTypeDefs(modules.map((f) => readFileSync(f, 'utf8')));
}
