// Download an artifact's files into a folder, streaming each to disk while hashing it; a file whose
// sha256 differs from the one the API listed is removed and the download fails (DATA_CORRUPT).
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { AppError, AppErrorCode } from '@distillery/errors';

/** What a download needs to know about an artifact (the ArtifactFields fragment). */
export interface DownloadableArtifact {
  files: readonly { path: string; sha256: string; sizeBytes: number; downloadUrl: string }[];
}

/** Download every file of `artifact` into `dir` (created); returns the written paths. */
export async function downloadArtifact(
  artifact: DownloadableArtifact,
  dir: string,
  token: string | undefined,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of artifact.files) {
    if (f.path.includes('/') || f.path.startsWith('.'))
      throw new AppError(AppErrorCode.DATA_CORRUPT, `artifact file name ${f.path} is not a plain name`);
    const res = await fetch(f.downloadUrl, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => null)) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      } | null;
      const e = body?.errors?.[0];
      const code = (e?.extensions?.code as AppErrorCode | undefined) ?? AppErrorCode.INTERNAL;
      throw new AppError(
        code in AppErrorCode ? code : AppErrorCode.INTERNAL,
        e?.message ?? `GET ${f.downloadUrl}: HTTP ${res.status}`,
      );
    }
    const hash = createHash('sha256');
    const target = join(dir, f.path);
    const tmp = `${target}.part`;
    await pipeline(
      Readable.fromWeb(res.body as never),
      new Transform({
        transform(chunk: Buffer, _e, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(tmp),
    );
    const got = hash.digest('hex');
    if (got !== f.sha256) {
      await rm(tmp, { force: true });
      throw new AppError(
        AppErrorCode.DATA_CORRUPT,
        `${f.path}: downloaded sha256 ${got}, expected ${f.sha256}`,
      );
    }
    await rename(tmp, target);
    written.push(target);
  }
  return written;
}
