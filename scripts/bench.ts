// `npm run bench -- NAME [args]`: run one benchmark. Each prints JSON lines on stdout (one object per
// figure, each with a "bench" key) and prose on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES: Record<string, string> = {
  train: 'packages/ml/bench/train.ts',
  fusion: 'packages/ml/bench/fusion.ts',
  api: 'apps/api/bench/api.ts',
  security: 'apps/api/bench/security.ts',
  runner: 'apps/runner/bench/runner.ts',
  serve: 'apps/runner/bench/serve.ts',
  web: 'test/bench/web.ts',
};

const [name, ...rest] = process.argv.slice(2);
const file = name ? BENCHES[name] : undefined;
if (!name || !file) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]`);
  process.exit(2);
}
if (!existsSync(join(root, file))) {
  console.error(`bench ${name}: ${file} does not exist yet`);
  process.exit(2);
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' };
const res = spawnSync('npx', ['tsx', join(root, file), ...rest], { cwd: root, stdio: 'inherit', env });
process.exit(res.status ?? 1);
