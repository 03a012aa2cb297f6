import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ArtifactStoreConfig } from '@distillery/artifacts';

/** What a backup folder holds (manifest.json). */
export interface BackupManifest {
  createdAt: string;
  pgDump: string;
  /** The local artifact folder that was copied (absolute: artifact rows store absolute file:// URIs). */
  artifactRoot: string | null;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): string {
  const res = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (res.error)
    throw new Error(`${cmd} is not installed (apt-get install postgresql-client): ${res.error.message}`);
  if (res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr.trim().split('\n').pop()}`);
  return res.stdout;
}

/**
 * A backup in `dir`: `database.dump` (pg_dump custom format: consistent snapshot, compressed, restorable
 * table by table) and, for a local store, `artifacts/` (a copy of the folder). An S3 store is backed up
 * with the bucket's own tools (versioning or `aws s3 sync`); verify-artifacts checks it either way.
 */
export function createBackup(databaseUrl: string, store: ArtifactStoreConfig, dir: string): BackupManifest {
  mkdirSync(dir, { recursive: true });
  if (existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir} already holds a backup`);
  const pgDump = run('pg_dump', ['--version'], process.env).trim();
  run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-acl', `--file=${join(dir, 'database.dump')}`, databaseUrl],
    process.env,
  );
  let artifactRoot: string | null = null;
  if (store.kind === 'local' && existsSync(store.root)) {
    cpSync(store.root, join(dir, 'artifacts'), { recursive: true, preserveTimestamps: true });
    artifactRoot = store.root;
  }
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), pgDump, artifactRoot };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Restore `dir` into the (empty or to-be-replaced) database at `databaseUrl` and put the artifact copy
 * back where it was taken from. Objects are recreated owned by the connecting role.
 */
export function restoreBackup(databaseUrl: string, dir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  run(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-acl',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${databaseUrl}`,
      join(dir, 'database.dump'),
    ],
    process.env,
  );
  if (manifest.artifactRoot && existsSync(join(dir, 'artifacts'))) {
    mkdirSync(manifest.artifactRoot, { recursive: true });
    cpSync(join(dir, 'artifacts'), manifest.artifactRoot, { recursive: true, preserveTimestamps: true });
  }
  return manifest;
}
