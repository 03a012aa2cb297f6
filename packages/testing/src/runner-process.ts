// A runner as its own process, as `npm start` runs it, for end-to-end tests whose jobs must really run.
// The caller names the entry file (this package does not know apps).
import { spawn, type ChildProcess } from 'node:child_process';

/** A runner process and what it printed. */
export interface RunnerChild {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s (no-op once it has exited). */
  stop(): Promise<void>;
}

/** Start `node --import tsx <entry>` in `cwd` with `env` over this process's environment. */
export function spawnRunnerProcess(entry: string, cwd: string, env: Record<string, string>): RunnerChild {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => out,
    async stop() {
      if (exited()) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
      if (!exited()) child.kill('SIGKILL');
    },
  };
}
