// Batched reads behind the Runner field resolvers (one query for the whole workers page).
import type { Deps } from '../../context.ts';
import { manyBy } from '../../loaders/batch.ts';

/** The runner-side loaders of one context. */
export function runnerLoaders({ prisma }: Pick<Deps, 'prisma' | 'pool'>) {
  return {
    /** The RUNNING runs each runner id holds, oldest start first. */
    runsHeldByRunner: manyBy(
      (ids) =>
        prisma.run.findMany({
          where: { runnerId: { in: ids }, status: 'RUNNING', deletedAt: null },
          orderBy: { startedAt: 'asc' },
        }),
      (r) => r.runnerId,
    ),
  };
}
