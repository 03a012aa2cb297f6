import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A supervised child process whose output is prefixed with its name. */
export interface Child {
  name: string;
  proc: ChildProcess;
  exited: Promise<number | null>;
}

/** Spawn `cmd args`; each output line goes to `write`, by default to stdout prefixed with the name. */
export function spawnChild(
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  write: (line: string) => void = (line) => process.stdout.write(`[${name}] ${line}\n`),
): Child {
  // detached: the child leads its own process group, so a stop reaches grandchildren (next, tsx) too.
  const proc = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', write);
  }
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { name, proc, exited };
}

/** Send SIGTERM to each child's process group, then SIGKILL whatever is left after `graceMs`. */
export async function stopChildren(children: Child[], graceMs = 10_000): Promise<void> {
  const signal = (c: Child, sig: NodeJS.Signals) => {
    if (c.proc.exitCode !== null || c.proc.pid === undefined) return;
    try {
      process.kill(-c.proc.pid, sig);
    } catch {
      // already gone
    }
  };
  children.forEach((c) => signal(c, 'SIGTERM'));
  const timer = setTimeout(() => children.forEach((c) => signal(c, 'SIGKILL')), graceMs);
  await Promise.all(children.map((c) => c.exited));
  clearTimeout(timer);
}

/** Resolve once `url` answers (any HTTP status), or reject after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`stopped before ${url} answered`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
