// Batched reads behind the Project and Membership field resolvers (and Invitation.project).
import type { Deps } from '../../context.ts';
import { manyBy, oneBy } from '../../loaders/batch.ts';

/** Most experiments Project.experiments serves per project. */
const PROJECT_EXPERIMENTS = 200;

/** The project-side loaders of one context. */
export function projectLoaders({ prisma, pool }: Pick<Deps, 'prisma' | 'pool'>) {
  return {
    project: oneBy(
      (ids) => prisma.project.findMany({ where: { id: { in: ids } } }),
      (p) => p.id,
    ),
    membershipsOfProject: manyBy(
      (ids) =>
        prisma.membership.findMany({ where: { projectId: { in: ids } }, orderBy: { createdAt: 'asc' } }),
      (m) => m.projectId,
    ),
    datasetsOfProject: manyBy(
      (ids) => prisma.dataset.findMany({ where: { projectId: { in: ids } }, orderBy: { createdAt: 'asc' } }),
      (d) => d.projectId,
    ),
    /** The newest experiments of each project. */
    experimentsOfProject: manyBy(
      async (ids) => {
        const picked = await pool.query<{ id: string }>(
          `SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY "projectId" ORDER BY "createdAt" DESC) AS n
           FROM "Experiment" WHERE "projectId" = ANY($1::uuid[])) e
         WHERE n <= $2`,
          [ids, PROJECT_EXPERIMENTS],
        );
        return prisma.experiment.findMany({
          where: { id: { in: picked.rows.map((r) => r.id) } },
          orderBy: { createdAt: 'desc' },
        });
      },
      (e) => e.projectId,
    ),
    /** Live (not soft-deleted) runs per project. */
    runCountOfProject: oneBy(
      (ids) =>
        prisma.run.groupBy({
          by: ['projectId'],
          where: { projectId: { in: ids }, deletedAt: null },
          _count: { _all: true },
        }),
      (g) => g.projectId,
    ),
  };
}
