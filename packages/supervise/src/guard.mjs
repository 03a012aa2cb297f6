// The liveness guard: `node guard.mjs <stopSignal> <graceMs> <child|group> -- cmd args…`, spawned by a supervisor with
// a pipe on fd 3 that the supervisor never writes to. The guard leads its own process group and runs
// `cmd` inside it. When the pipe reaches end-of-file the supervisor is gone — even after a SIGKILL, which
// no exit hook survives — so the guard stops the whole group (`stopSignal`, then SIGKILL after
// `graceMs`). `child` sends the stop signal to the command only (PostgreSQL wants it on the postmaster
// alone: its helpers read SIGINT differently), `group` to every process of the group. Plain JavaScript (no tsx) so it starts in milliseconds and has no dependencies.
//
// Why a guard instead of the child watching the pipe itself: PostgreSQL and `next start` cannot be
// taught to, and Linux's PR_SET_PDEATHSIG is out of Node's reach, reaches only the direct child and
// does not exist on macOS. A pipe's end-of-file is delivered by the kernel on every Unix.
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import { constants } from 'node:os';

const [stopSignal = 'SIGTERM', graceArg = '10000', scope, sep, cmd, ...args] = process.argv.slice(2);
if (sep !== '--' || !cmd || (scope !== 'child' && scope !== 'group')) {
  process.stderr.write('usage: guard.mjs <stopSignal> <graceMs> <child|group> -- cmd args...\n');
  process.exit(2);
}
const graceMs = Number(graceArg);
const ids = process.env.DISTILLERY_GUARD_UID
  ? { uid: Number(process.env.DISTILLERY_GUARD_UID), gid: Number(process.env.DISTILLERY_GUARD_GID) }
  : {};
const env = { ...process.env };
delete env.DISTILLERY_GUARD_UID;
delete env.DISTILLERY_GUARD_GID;

const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env, ...ids });
let stopping = false;

/** Signal every process of the group except this guard's own handling of it. */
function signalGroup(signal) {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // the group is already empty
  }
}

function stop() {
  if (stopping) return;
  stopping = true;
  if (scope === 'group') signalGroup(stopSignal);
  else child.kill(stopSignal);
  setTimeout(() => signalGroup('SIGKILL'), graceMs).unref();
}

// The group signals reach the guard too: it stops its child and waits for it instead of dying first.
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']) process.on(s, stop);

child.once('error', (e) => {
  process.stderr.write(`guard: cannot start ${cmd}: ${e.message}\n`);
  process.exit(127);
});
child.once('exit', (code, signal) => {
  // Grandchildren left behind by the child (a worker, a shell) go with it.
  stopping = true;
  signalGroup('SIGTERM');
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
});

// A libuv stream, not fs.createReadStream: a blocking read on the threadpool would hang process.exit.
const live = new Socket({ fd: 3, readable: true, writable: false });
live.on('data', () => undefined);
live.once('end', stop);
live.once('close', stop);
live.once('error', stop);
