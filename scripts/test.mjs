#!/usr/bin/env node
// `npm test`: Prisma generate, generated-code drift check, prettier, typecheck, lint, then the whole Vitest suite.
// Extra arguments go to Vitest (e.g. `npm test -- packages/db`), which then runs alone.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
};
const args = process.argv.slice(2);

function run(label, cmd, cmdArgs) {
  const started = Date.now();
  process.stderr.write(`\n▶ ${label}\n`);
  const res = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
  process.stderr.write(
    `◀ ${label}: ${res.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (res.status !== 0) process.exit(res.status ?? 1);
}

if (args.length === 0) {
  run('prisma generate', 'node', ['scripts/prisma-generate.mjs']);
  run('generated files up to date', 'node', ['scripts/check-generated.mjs']);
  run('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
  run('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  run('typecheck scripts', 'npx', ['tsc', '-p', 'scripts/tsconfig.json']);
  run('lint', 'npx', ['eslint', '.']);
  run('dashboard build for the browser tests', 'npx', ['tsx', 'test/browser/build-web.ts']);
}
// The exit code alone is not trusted: a dependency that hooks process exit once turned a failing run
// into exit 0. The JSON report is read back and must show tests run and none failed.
const report = '.data/vitest-report.json';
mkdirSync('.data', { recursive: true });
rmSync(report, { force: true });
run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...args,
]);
const summary = JSON.parse(readFileSync(report, 'utf8'));
if (
  !summary.success ||
  summary.numFailedTests > 0 ||
  summary.numFailedTestSuites > 0 ||
  summary.numTotalTests === 0
) {
  console.error(
    `vitest report: ${summary.numFailedTests} failed tests, ${summary.numFailedTestSuites} failed files, ${summary.numTotalTests} tests`,
  );
  process.exit(1);
}
console.log(
  `${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${summary.numPendingTests} skipped`,
);
