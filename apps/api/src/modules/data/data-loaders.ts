// Batched reads behind the Dataset, Split and Subset field resolvers.
import type { Deps } from '../../context.ts';
import { manyBy, manyByWith, oneBy } from '../../loaders/batch.ts';

/** The data-side loaders of one context (splits without their assignment, subsets without members). */
export function dataLoaders({ prisma, pool }: Pick<Deps, 'prisma' | 'pool'>) {
  return {
    artifact: oneBy(
      (ids) => prisma.artifact.findMany({ where: { id: { in: ids } } }),
      (a) => a.id,
    ),
    dataset: oneBy(
      (ids) => prisma.dataset.findMany({ where: { id: { in: ids } } }),
      (d) => d.id,
    ),
    split: oneBy(
      (ids) => prisma.split.findMany({ where: { id: { in: ids } }, omit: { assignment: true } }),
      (s) => s.id,
    ),
    splitsOfDataset: manyBy(
      (ids) =>
        prisma.split.findMany({
          where: { datasetId: { in: ids } },
          orderBy: { createdAt: 'asc' },
          omit: { assignment: true },
        }),
      (s) => s.datasetId,
    ),
    /** A slice of each subset's member blob (argument `offset:limit`, in indices). */
    memberSlices: manyByWith(
      async (ids, window: string) => {
        const [offset, limit] = window.split(':').map(Number) as [number, number];
        // Only the requested slice of the blob crosses the wire (substring is 1-based, in bytes).
        return (
          await pool.query<{ id: string; m: Buffer | null }>(
            `SELECT id, substring(members FROM $2::int FOR $3::int) AS m FROM "Subset" WHERE id = ANY($1::uuid[])`,
            [ids, offset * 4 + 1, limit * 4],
          )
        ).rows;
      },
      (r) => r.id,
    ),
    subsetsOfSplit: manyBy(
      (ids) =>
        prisma.subset.findMany({
          where: { splitId: { in: ids } },
          orderBy: [{ fraction: 'asc' }, { seed: 'asc' }],
          omit: { members: true },
        }),
      (s) => s.splitId,
    ),
  };
}
