#!/usr/bin/env node
// `npm test`: generated-code drift check, typecheck, lint, then the whole Vitest suite.
// Extra arguments go to Vitest (e.g. `npm test -- packages/db`), which then runs alone.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1' };
const args = process.argv.slice(2);

function run(label, cmd, cmdArgs) {
  const started = Date.now();
  process.stderr.write(`\n▶ ${label}\n`);
  const res = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
  process.stderr.write(`◀ ${label}: ${res.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (args.length === 0) {
  run('prisma generate', 'node', ['scripts/prisma-generate.mjs']);
  run('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  run('typecheck scripts', 'npx', ['tsc', '-p', 'scripts/tsconfig.json']);
  run('lint', 'npx', ['eslint', '.']);
}
run('vitest', 'npx', ['vitest', 'run', ...args]);
