import { createHash } from 'node:crypto';

/** One file of a multi-file artifact, as the `Artifact.files` column lists it. */
export interface BundleFile {
  path: string;
  uri: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
}

/**
 * The sha256 of a multi-file artifact (a TensorFlow.js model.json and its shards): the SHA-256 of the
 * lines `<path> <sha256>\n`, sorted by path. A downloader that checked every file recomputes it.
 */
export function bundleDigest(files: readonly Pick<BundleFile, 'path' | 'sha256'>[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.path} ${f.sha256}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}
