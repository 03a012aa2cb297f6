import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createNodeClient } from '@distillery/client/node';

/** Repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running `npm start` (tsx scripts/start.ts) in its own process group. */
export interface Started {
  pid: number;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs: number, from?: number) => Promise<void>;
  exit: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

/** Start the product with `env` on top of this process's environment (DATABASE_URL unset). */
export function start(env: Record<string, string>): Started {
  const proc = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can press "Ctrl-C" the way a terminal does: to the whole group.
    detached: true,
  });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    pid: proc.pid!,
    output: () => out,
    exit,
    kill: (signal) => {
      try {
        if (proc.pid !== undefined) process.kill(-proc.pid, signal);
      } catch {
        // already gone
      }
    },
    async waitFor(pattern, timeoutMs, from = 0) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out.slice(from))) {
        if (proc.exitCode !== null) throw new Error(`exited early:\n${out}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
  };
}

/** The pid a supervisor recorded for `name` in `<dataDir>/run`. */
export function recordedPid(dataDir: string, name: string): number {
  return (JSON.parse(readFileSync(join(dataDir, 'run', `${name}.pid`), 'utf8')) as { pid: number }).pid;
}

/** Pids of the processes in process group `pgid`. */
export function groupMembers(pgid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([pid, g]) => g === pgid && pid !== undefined)
    .map(([pid]) => pid!);
}

/** One GraphQL operation, tried once; the data, or undefined when the API does not answer with data. */
async function graphql<T>(apiPort: number, query: string, token?: string): Promise<T | undefined> {
  const client = createNodeClient({ url: `http://127.0.0.1:${apiPort}/graphql`, token, timeoutMs: 5000 });
  const res = await client.execute<T>(query, {}, { retry: { attempts: 1 } }).catch(() => null);
  return res?.status === 200 ? (res.data ?? undefined) : undefined;
}

/**
 * Sign in as the demo user (sign-ins are throttled: do it once and reuse the session). The one try
 * waits up to 60 s: a password hash on a machine running the whole suite took longer than the 5 s of
 * the probes (a full run failed so, with nothing to say why); a refusal throws with the API's error.
 */
export async function signInDemo(apiPort: number): Promise<string> {
  const client = createNodeClient({ url: `http://127.0.0.1:${apiPort}/graphql`, timeoutMs: 60_000 });
  const res = await client.execute<{ signIn?: { token?: string } }>(
    'mutation { signIn(email: "demo@distillery.local", password: "distillery") { token } }',
    {},
    { retry: { attempts: 1 } },
  );
  const token = res.data?.signIn?.token;
  if (!token) throw new Error(`sign-in answered ${res.status}: ${JSON.stringify(res.errors ?? res.data)}`);
  return token;
}

/** True when the API answers `me` for `token`: it runs and reaches the database. */
export async function apiServes(apiPort: number, token: string): Promise<boolean> {
  const data = await graphql<{ me?: { id?: string } }>(apiPort, '{ me { id } }', token);
  return typeof data?.me?.id === 'string';
}

/** Poll `check` until it returns true or `timeoutMs` passes. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
