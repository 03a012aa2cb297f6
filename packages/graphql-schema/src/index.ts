import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the printed SDL, for codegen configs and tests. */
export const SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema.graphql');
