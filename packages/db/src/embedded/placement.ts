import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { unreachable } from './errors.ts';
import { canEnter, type PostgresIds } from './system-user.ts';

/**
 * The folder PostgreSQL keeps its cluster in (PGDATA) for the data folder `dataDir`. Normally that is
 * `dataDir` itself. As root with `dataDir` where the `postgres` user cannot enter (a mode-700 parent,
 * a clone under /root), the cluster lives under `<sharedDir>/clusters/<hash of dataDir>` and `dataDir`
 * becomes a symbolic link to it, so the data folder still shows (and backs up) where the cluster is.
 */
export function placeCluster(dataDir: string, ids: PostgresIds | null, sharedDir: string): string {
  const abs = resolve(dataDir);
  mkdirSync(dirname(abs), { recursive: true });
  if (isSymlink(abs)) {
    const target = realTarget(abs);
    own(target, ids);
    return target;
  }
  if (!ids || canEnter(ids, dirname(abs))) {
    own(abs, ids);
    return abs;
  }
  if (existsSync(abs) && readdirSync(abs).length > 0) {
    throw unreachable(abs, sharedDir, 'the folder already holds files, so it cannot be moved safely');
  }
  const clusters = join(sharedDir, 'clusters');
  const target = join(clusters, createHash('sha256').update(abs).digest('hex').slice(0, 16));
  try {
    mkdirSync(clusters, { recursive: true });
    chmodSync(sharedDir, 0o755);
    chmodSync(clusters, 0o755);
    own(target, ids);
    rmSync(abs, { recursive: true, force: true });
    symlinkSync(target, abs);
  } catch (e) {
    throw unreachable(abs, sharedDir, (e as Error).message);
  }
  if (!canEnter(ids, target)) throw unreachable(abs, sharedDir, `${target} is not reachable either`);
  return target;
}

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function realTarget(link: string): string {
  try {
    return realpathSync(link);
  } catch {
    // A dangling link (the shared folder was wiped): recreate its target.
    const target = resolve(dirname(link), readlinkSync(link));
    mkdirSync(target, { recursive: true });
    return target;
  }
}

/** Create `dir` (mode 700, as initdb wants) owned by the server's user. */
function own(dir: string, ids: PostgresIds | null): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(dir, ids.uid, ids.gid);
}
