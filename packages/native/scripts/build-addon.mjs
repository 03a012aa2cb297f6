#!/usr/bin/env node
// Install script of @distillery/native: compile the N-API addon with node-gyp. It never fails the
// install: without a C++ compiler, or when the build fails, it writes build/status.json with the
// reason and exits 0, and the runtime falls back to tfjs-wasm (logging that reason).
// `--force` rebuilds even when the addon is up to date.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const statusFile = join(root, 'build', 'status.json');
const addon = join(root, 'build', 'Release', 'distillery_native.node');
const started = Date.now();

function writeStatus(status) {
  mkdirSync(dirname(statusFile), { recursive: true });
  writeFileSync(
    statusFile,
    `${JSON.stringify({ ...status, seconds: (Date.now() - started) / 1000 }, null, 2)}\n`,
  );
}

/** Hash of everything the addon is built from, so an unchanged tree skips the compile. */
function sourceHash() {
  const h = createHash('sha256');
  for (const f of [
    'binding.gyp',
    ...readdirSync(join(root, 'csrc'))
      .sort()
      .map((f) => `csrc/${f}`),
  ])
    h.update(f).update(readFileSync(join(root, f)));
  h.update(process.version).update(process.arch);
  return h.digest('hex');
}

function onPath(cmd) {
  if (cmd.includes('/')) return existsSync(cmd);
  return (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, cmd)));
}

function fallback(reason) {
  writeStatus({ ok: false, reason });
  console.warn(`@distillery/native: not built (${reason}); training will use tfjs-wasm`);
  process.exit(0);
}

if (process.env.DISTILLERY_NATIVE_SKIP_BUILD === '1') fallback('DISTILLERY_NATIVE_SKIP_BUILD=1');
const hash = sourceHash();
if (!process.argv.includes('--force') && existsSync(addon) && existsSync(statusFile)) {
  try {
    const prev = JSON.parse(readFileSync(statusFile, 'utf8'));
    if (prev.ok && prev.hash === hash) process.exit(0);
  } catch {
    // unreadable status: rebuild
  }
}
const cxx = process.env.CXX ?? 'g++';
if (!onPath(cxx) && !(process.env.CXX === undefined && onPath('c++')))
  fallback(`no C++ compiler (${cxx}) on PATH`);
if (!onPath('make')) fallback('make is not on PATH');

const require = createRequire(import.meta.url);
let gyp;
try {
  gyp = require.resolve('node-gyp/bin/node-gyp.js');
} catch {
  fallback('node-gyp is not installed');
}
// Node's own headers next to the running binary (Debian, nodesource, tarball installs) keep the build
// offline; otherwise node-gyp fetches them for this Node version.
const prefix = join(dirname(process.execPath), '..');
const args = [gyp, 'rebuild', '--jobs', 'max', '--silent'];
if (
  existsSync(join(prefix, 'include', 'node', 'node_api.h')) &&
  existsSync(join(prefix, 'include', 'node', 'common.gypi'))
)
  args.push(`--nodedir=${prefix}`);
const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 600_000 });
if (r.status !== 0 || !existsSync(addon)) {
  const tail = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-12).join('\n');
  if (tail) console.warn(tail);
  fallback(`compile failed (${r.error ? r.error.message : `node-gyp exit ${r.status}`})`);
}
writeStatus({ ok: true, hash, node: process.version, compiler: cxx });
console.log(`@distillery/native: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
