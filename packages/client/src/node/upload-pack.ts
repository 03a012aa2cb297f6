// Upload a dataset pack to PUT <origin>/projects/<id>/dataset-packs/<sha256> (before registerDataset
// names the same hash). The body streams from the pack's chunks; the API checks the pack and its hash
// on the way into the store and keeps nothing it refuses.
import { Readable } from 'node:stream';

import { AppError, AppErrorCode } from '@distillery/errors';

import { apiErrorFrom, type GraphqlErrorBody } from '../errors.ts';

/** What the API answers: `stored` is false when the store already held these bytes. */
export interface UploadedPack {
  sha256: string;
  stored: boolean;
}

/** The upload URL of a pack, from the GraphQL endpoint's URL. */
export function packUploadUrl(apiUrl: string, projectId: string, sha256: string): string {
  return `${new URL(apiUrl).origin}/projects/${encodeURIComponent(projectId)}/dataset-packs/${sha256}`;
}

/** Stream `chunks` (a pack of `sizeBytes` bytes with SHA-256 `sha256`) to the API. */
export async function uploadDatasetPack(
  apiUrl: string,
  token: string | undefined,
  projectId: string,
  pack: { chunks: readonly Uint8Array[]; sha256: string; sizeBytes: number },
): Promise<UploadedPack> {
  const url = packUploadUrl(apiUrl, projectId, pack.sha256);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/vnd.distillery.dataset-pack',
        'content-length': String(pack.sizeBytes),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: Readable.toWeb(Readable.from(pack.chunks)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
  } catch (e) {
    throw new AppError(AppErrorCode.NETWORK, `PUT ${url}: ${(e as Error).message}`, { cause: e });
  }
  const body = (await res.json().catch(() => null)) as
    (UploadedPack & { errors?: GraphqlErrorBody[] }) | null;
  if (!res.ok || !body || body.errors)
    throw body?.errors
      ? apiErrorFrom(body.errors, res.status)
      : new AppError(AppErrorCode.INTERNAL, `PUT ${url}: HTTP ${res.status}`);
  return { sha256: body.sha256, stored: body.stored };
}
