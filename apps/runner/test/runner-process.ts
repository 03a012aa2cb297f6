// Runner processes for drills: the real entry point (`src/main.ts`) started as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MAIN = join(ROOT, 'apps', 'runner', 'src', 'main.ts');

/** A runner child process and everything it printed. */
export interface RunnerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves once the runner printed its ready line. */
  ready: Promise<void>;
  /** SIGTERM and wait for exit (no-op if already gone). */
  stop: () => Promise<void>;
}

/** Start `apps/runner/src/main.ts` with short heartbeat/stale settings suited to a drill. */
export function spawnRunner(name: string, env: Record<string, string>): RunnerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      RUNNER_ID: name,
      RUNNER_HEARTBEAT_MS: '500',
      RUNNER_STALE_MS: '3000',
      RUNNER_REAP_INTERVAL_MS: '1000',
      RUNNER_POLL_MS: '200',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (): void => {
      if (/ready/.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`runner ${name} exited with ${code}: ${out}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    output: () => out,
    ready,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
