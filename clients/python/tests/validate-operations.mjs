#!/usr/bin/env node
// Validates every operation document of the Python package (src/distillery/generated/api.json) against the
// printed SDL with graphql-js, the validator the API itself runs; prints {"errors": [...]} as JSON.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildSchema, parse, validate } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const [
  apiPath = join(here, '..', 'src', 'distillery', 'generated', 'api.json'),
  sdlPath = join(here, '..', '..', '..', 'packages', 'graphql-schema', 'schema.graphql'),
] = process.argv.slice(2);
const schema = buildSchema(readFileSync(sdlPath, 'utf8'));
const { operations } = JSON.parse(readFileSync(apiPath, 'utf8'));
const errors = [];
for (const [name, op] of Object.entries(operations)) {
  try {
    for (const e of validate(schema, parse(op.document))) errors.push(`${name}: ${e.message}`);
  } catch (e) {
    errors.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
process.stdout.write(`${JSON.stringify({ checked: Object.keys(operations).length, errors })}\n`);
process.exit(errors.length ? 1 : 0);
