import type { Artifact } from '@distillery/db';
import type { BundleFile } from '@distillery/artifacts/bundle';

/** The files of an artifact: its `files` list, or the one file a single-file artifact is. */
export function filesOf(
  a: Pick<Artifact, 'name' | 'uri' | 'sha256' | 'sizeBytes' | 'contentType' | 'files'>,
): BundleFile[] {
  const listed = Array.isArray(a.files) ? (a.files as unknown as BundleFile[]) : [];
  if (listed.length > 0) return listed;
  return [
    {
      path: a.name,
      uri: a.uri,
      sha256: a.sha256,
      sizeBytes: Number(a.sizeBytes),
      contentType: a.contentType,
    },
  ];
}

/** Where a file of an artifact is downloaded: `<origin>/artifacts/<id>/<path>`. */
export function downloadUrl(origin: string, artifactId: string, path: string): string {
  return `${origin}/artifacts/${artifactId}/${encodeURIComponent(path)}`;
}
