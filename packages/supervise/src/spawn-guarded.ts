import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const GUARD = fileURLToPath(new URL('./guard.mjs', import.meta.url));

/** How to run one guarded process. */
export interface GuardedSpec {
  cmd: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Signal that asks the process to stop cleanly (PostgreSQL: SIGINT = fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** Who gets the stop signal: the whole process group (default) or the command alone. */
  signalScope?: 'group' | 'child';
  /** How long a stop waits before SIGKILL. */
  graceMs?: number;
  /** Run the command as this user (root starting PostgreSQL as `postgres`). */
  uid?: number;
  gid?: number;
  /** Each output line (stdout and stderr). */
  onLine?: (line: string) => void;
}

/** A running guarded process; `pid` is the guard's, which is also the process group id. */
export interface Guarded {
  pid: number;
  /** DISTILLERY_GUARD_ID in the environment of everything it runs (found again after a crash). */
  marker: string;
  proc: ChildProcess;
  /** Resolves with the exit code (128 + n for a signal) once the guard is gone. */
  exited: Promise<number>;
  /** Ask the group to stop; SIGKILL after the grace period. Resolves when it is gone. */
  stop(): Promise<number>;
}

/**
 * Start `cmd` under the liveness guard (guard.mjs): the process and everything it spawns stop when
 * `stop()` is called or when this process dies in any way, SIGKILL included.
 */
export function spawnGuarded(spec: GuardedSpec): Guarded {
  const grace = spec.graceMs ?? 10_000;
  const marker = randomUUID();
  const env: NodeJS.ProcessEnv = { ...spec.env, DISTILLERY_GUARD_ID: marker };
  if (spec.uid !== undefined) {
    env.DISTILLERY_GUARD_UID = String(spec.uid);
    env.DISTILLERY_GUARD_GID = String(spec.gid ?? spec.uid);
  }
  const proc = spawn(
    process.execPath,
    [
      GUARD,
      spec.stopSignal ?? 'SIGTERM',
      String(grace),
      spec.signalScope ?? 'group',
      '--',
      spec.cmd,
      ...spec.args,
    ],
    // fd 3 is the liveness pipe: never written, it reaches end-of-file when this process is gone.
    { cwd: spec.cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true },
  );
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream && spec.onLine) createInterface({ input: stream }).on('line', spec.onLine);
    else stream?.resume();
  }
  const exited = new Promise<number>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1))),
  );
  if (proc.pid === undefined) throw new Error(`could not start ${spec.cmd}`);
  const pid = proc.pid;
  return {
    pid,
    marker,
    proc,
    exited,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        try {
          // The guard forwards it as its scope says.
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const kill = setTimeout(() => killGroup(pid, 'SIGKILL'), grace + 2000);
        const code = await exited;
        clearTimeout(kill);
        return code;
      }
      return exited;
    },
  };
}

/** Signal a whole process group; false when it no longer exists. */
export function killGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 0;
}
