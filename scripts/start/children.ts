import { type Guarded, spawnGuarded } from '@distillery/supervise';

/** A guarded child process whose output lines are prefixed with its name. */
export interface Child extends Guarded {
  name: string;
}

/**
 * Spawn `cmd args` under the liveness guard (it stops, with everything it started, when this process
 * dies in any way); each output line goes to `write`, by default to stdout prefixed with the name.
 */
export function spawnChild(
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  write: (line: string) => void = (line) => process.stdout.write(`[${name}] ${line}\n`),
): Child {
  return { name, ...spawnGuarded({ cmd, args, env, cwd, onLine: write }) };
}

/** Stop every child (SIGTERM to its process group, SIGKILL after the grace period). */
export async function stopChildren(children: Child[]): Promise<void> {
  await Promise.all(children.map((c) => c.stop()));
}

/** Resolve once `url` answers with a status below 500, or reject after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`stopped before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
