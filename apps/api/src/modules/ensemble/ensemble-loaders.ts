// Batched reads behind the Ensemble field resolvers (and ModelVersion.ensemble).
import type { Deps } from '../../context.ts';
import { manyBy, oneBy } from '../../loaders/batch.ts';

/** The ensemble-side loaders of one context. */
export function ensembleLoaders({ prisma }: Pick<Deps, 'prisma'>) {
  return {
    ensemble: oneBy(
      (ids) => prisma.ensemble.findMany({ where: { id: { in: ids } } }),
      (e) => e.id,
    ),
    membersOfEnsemble: manyBy(
      (ids) =>
        prisma.ensembleMember.findMany({
          where: { ensembleId: { in: ids } },
          orderBy: { position: 'asc' },
          include: { teacher: true },
        }),
      (m) => m.ensembleId,
    ),
    resultsOfEnsemble: manyBy(
      (ids) =>
        prisma.ensembleResult.findMany({
          where: { ensembleId: { in: ids } },
          orderBy: [{ rule: 'asc' }, { splitRole: 'asc' }],
        }),
      (r) => r.ensembleId,
    ),
  };
}
