import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root and the dashboard app folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = join(ROOT, 'apps', 'web');
/** The tests' own build folder (next.config.ts reads DISTILLERY_WEB_DIST_DIR); git, lint and tsc skip node_modules. */
export const TEST_DIST_DIR = 'node_modules/.cache/distillery-web-test';
const DIST = join(WEB_DIR, TEST_DIST_DIR);
const STAMP = join(DIST, 'distillery-source-hash');
const LOCK = join(WEB_DIR, 'node_modules', '.cache', 'distillery-web-test.lock');

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
}

/** Hash of everything that goes into the build (sources, config, dependencies' versions). */
export function webSourceHash(): string {
  const files: string[] = [];
  walk(join(WEB_DIR, 'src'), files);
  // Workspace packages the dashboard bundles from source.
  for (const pkg of ['client', 'domain', 'errors', 'graphql-schema'])
    walk(join(ROOT, 'packages', pkg, 'src'), files);
  files.push(join(WEB_DIR, 'next.config.ts'), join(WEB_DIR, 'package.json'), join(ROOT, 'package-lock.json'));
  const h = createHash('sha256');
  for (const f of files.sort()) h.update(f).update(readFileSync(f));
  return h.digest('hex');
}

async function withLock<T>(fn: () => T): Promise<T> {
  // Several suites may start at once on a shared checkout: one builds, the others wait.
  mkdirSync(dirname(LOCK), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 10 * 60_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (i > 1200) throw new Error(`timed out waiting for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Build the dashboard into the tests' dist folder unless it already holds a build of exactly these sources. */
export async function ensureWebBuild(log: (s: string) => void = () => undefined): Promise<void> {
  await withLock(() => {
    const hash = webSourceHash();
    if (existsSync(join(DIST, 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash)
      return;
    log('building the dashboard (next build)…');
    // next build rewrites next-env.d.ts to point at its distDir; keep the checked-in one.
    const envDts = join(WEB_DIR, 'next-env.d.ts');
    const keptEnvDts = readFileSync(envDts, 'utf8');
    const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'next'), ['build'], {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        DISTILLERY_WEB_DIST_DIR: TEST_DIST_DIR,
      },
      encoding: 'utf8',
    });
    writeFileSync(envDts, keptEnvDts);
    if (res.status !== 0) throw new Error(`next build failed:\n${res.stdout}\n${res.stderr}`);
    writeFileSync(STAMP, hash);
  });
}
