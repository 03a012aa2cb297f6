// As root, PostgreSQL refuses to run, so the embedded server runs as the system user `postgres`. That
// user must be able to execute the binaries and enter the data folder: these helpers find out by asking
// the kernel (running a probe as that user) rather than by reasoning about modes, ACLs and mounts.
import { execFileSync, spawnSync } from 'node:child_process';

/** Numeric ids of the user the server runs as. */
export interface PostgresIds {
  uid: number;
  gid: number;
}

function lookup(): PostgresIds | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** The `postgres` user's ids when running as root (created when missing), else null (run as self). */
export function postgresIds(): PostgresIds | null {
  if (process.getuid?.() !== 0) return null;
  const found = lookup();
  if (found) return found;
  spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  spawnSync(
    'useradd',
    ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
    {
      stdio: 'ignore',
    },
  );
  const created = lookup();
  if (!created) throw new Error('could not create the system user postgres (useradd failed)');
  return created;
}

/** True when `ids` (or this process, when null) can execute `file`. */
export function canExecute(ids: PostgresIds | null, file: string): boolean {
  return spawnSync(file, ['--version'], { stdio: 'ignore', ...(ids ?? {}) }).status === 0;
}

/** True when `ids` (or this process, when null) can enter folder `dir`. */
export function canEnter(ids: PostgresIds | null, dir: string): boolean {
  return (
    spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { stdio: 'ignore', cwd: '/', ...(ids ?? {}) })
      .status === 0
  );
}
