// Batched reads behind the Dataset, Split and Subset field resolvers.
import type { Deps } from '../../context.ts';
import { manyBy, oneBy } from '../../loaders/batch.ts';

/** The data-side loaders of one context (splits without their assignment, subsets without members). */
export function dataLoaders({ prisma }: Pick<Deps, 'prisma'>) {
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
