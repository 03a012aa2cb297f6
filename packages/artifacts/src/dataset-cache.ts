// Runners fetch dataset packs by content hash from the artifact store into a local cache and use only
// bytes whose SHA-256 is the dataset's contentHash: a runner on another host needs the store, never
// the folder the dataset was imported from, and changed bytes anywhere fail the run with DATA_CORRUPT.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { AppError, AppErrorCode } from '@distillery/errors';

import { spoolToFile } from './spool.ts';
import { contentKey, type ArtifactStore } from './store.ts';

/** The cached copy of a pack: `<cache>/sha256/<2 hex>/<64 hex>.pack`. */
export function cachedPackPath(cacheDir: string, sha256: string): string {
  return join(cacheDir, 'sha256', sha256.slice(0, 2), `${sha256}.pack`);
}

/** Read a file whole while hashing it (one pass; no 2 GiB readFile limit). */
async function readHashed(path: string): Promise<{ bytes: Uint8Array; sha256: string }> {
  const { size } = await stat(path);
  const bytes = new Uint8Array(size);
  const hash = createHash('sha256');
  let at = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (at + chunk.length > size) throw corrupt(`the cached copy grew while it was read`);
    bytes.set(chunk, at);
    hash.update(chunk);
    at += chunk.length;
  }
  if (at !== size) throw corrupt('the cached copy shrank while it was read');
  return { bytes, sha256: hash.digest('hex') };
}

const corrupt = (why: string) => new AppError(AppErrorCode.DATA_CORRUPT, why, { field: 'contentHash' });

/** Options of `loadDatasetPack`. */
export interface PackCacheOptions {
  /** Refuse packs larger than this. */
  maxBytes?: number;
  /** Told when the cached copy was bad and is fetched again. */
  onStaleCache?: (sha256: string) => void;
}

/**
 * The verified bytes of the pack whose SHA-256 is `sha256`: from the cache when its copy still hashes
 * right (a copy that does not is dropped and fetched again), else streamed from the store into the
 * cache with the hash checked on the way. A store object with other bytes is DATA_CORRUPT and nothing
 * is cached; a missing one is NOT_FOUND.
 */
export async function loadDatasetPack(
  store: ArtifactStore,
  sha256: string,
  cacheDir: string,
  options: PackCacheOptions = {},
): Promise<Uint8Array> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw corrupt(`contentHash ${sha256} is not a SHA-256`);
  const path = cachedPackPath(cacheDir, sha256);
  const cached = await readHashed(path).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'ENOENT') return null;
    throw e;
  });
  if (cached?.sha256 === sha256) return cached.bytes;
  if (cached) {
    options.onStaleCache?.(sha256);
    await rm(path, { force: true });
  }
  const uri = await store.find(contentKey(sha256));
  if (!uri)
    throw new AppError(AppErrorCode.NOT_FOUND, `dataset pack ${sha256} is not in the artifact store`, {
      field: 'contentHash',
      value: sha256,
    });
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await spoolToFile(await store.open(uri), tmp, {
      expectedSha256: sha256,
      ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    });
  } catch (e) {
    if (e instanceof AppError && e.code === AppErrorCode.DATA_CORRUPT)
      throw corrupt(`the stored dataset pack does not match its contentHash ${sha256} (${e.message})`);
    throw e;
  }
  await rename(tmp, path);
  const fetched = await readHashed(path);
  if (fetched.sha256 !== sha256) throw corrupt(`the cached pack changed after it was fetched`);
  return fetched.bytes;
}
