#!/usr/bin/env node
// Runs `prisma generate` offline. Prisma 7's CLI insists on a native schema-engine binary that no npm
// package ships and that it would download from outside the npm registry; `generate` never executes it,
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file is enough (see README, "Migrations").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = join(root, 'prisma', 'schema.prisma');
if (!existsSync(schema)) process.exit(0);
const bin = join(root, 'node_modules', '.bin', 'prisma');
if (!existsSync(bin)) {
  console.error('prisma-generate: node_modules/.bin/prisma is missing; run `npm install` first.');
  process.exit(1);
}
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: join(root, 'prisma', 'offline-engine-stub.sh'),
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://offline@127.0.0.1:1/offline',
};
const res = spawnSync(bin, ['generate', '--schema', schema], { cwd: root, env, stdio: 'inherit' });
process.exit(res.status ?? 1);
