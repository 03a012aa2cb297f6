// The runner and the serving process as child processes (their real entry points).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A child process and what it printed. */
export interface Child {
  output(): string;
  /** Resolves with the first match of `ready` in its output. */
  ready: Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

/** Start `entry` (relative to the repository root) with `env`, waiting for `ready` in its output. */
export function spawnEntry(entry: string, env: Record<string, string>, ready: RegExp): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const started = new Promise<RegExpExecArray>((resolve, reject) => {
    const look = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve(m);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)));
  });
  started.catch(() => undefined);
  return {
    output: () => out,
    ready: started,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
