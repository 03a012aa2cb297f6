import type { PrismaClient } from '@distillery/db';
import { openArtifactStore, sha256Hex, type ArtifactStoreConfig } from '@distillery/artifacts';

/** One artifact whose stored bytes do not match its row. */
export interface ArtifactProblem {
  id: string;
  uri: string;
  problem: string;
}

/** Read every artifact the database records and compare its sha256 and size with the row. */
export async function verifyArtifacts(
  prisma: PrismaClient,
  config: ArtifactStoreConfig,
): Promise<{ checked: number; problems: ArtifactProblem[] }> {
  const store = openArtifactStore(config);
  const problems: ArtifactProblem[] = [];
  let checked = 0;
  // Pages by id, so a large store is read without holding every row.
  for (let after: string | undefined; ;) {
    const rows = await prisma.artifact.findMany({
      select: { id: true, uri: true, sha256: true, sizeBytes: true },
      orderBy: { id: 'asc' },
      take: 500,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      checked++;
      const bytes = await store.get(row.uri).catch((e: unknown) => e as Error);
      if (bytes instanceof Error)
        problems.push({ id: row.id, uri: row.uri, problem: `missing (${bytes.message})` });
      else if (BigInt(bytes.byteLength) !== row.sizeBytes)
        problems.push({
          id: row.id,
          uri: row.uri,
          problem: `size ${bytes.byteLength}, recorded ${row.sizeBytes}`,
        });
      else if (sha256Hex(bytes) !== row.sha256)
        problems.push({ id: row.id, uri: row.uri, problem: 'sha256 differs' });
    }
    after = rows[rows.length - 1]!.id;
  }
  return { checked, problems };
}
