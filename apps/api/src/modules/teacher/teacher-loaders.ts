// Batched reads behind the Teacher field resolvers.
import type { Deps } from '../../context.ts';
import { manyBy, oneBy } from '../../loaders/batch.ts';

/** The teacher-side loaders of one context. */
export function teacherLoaders({ prisma }: Pick<Deps, 'prisma'>) {
  return {
    subset: oneBy(
      (ids) => prisma.subset.findMany({ where: { id: { in: ids } }, omit: { members: true } }),
      (s) => s.id,
    ),
    checkpointsOfTeacher: manyBy(
      (ids) => prisma.checkpoint.findMany({ where: { teacherId: { in: ids } }, orderBy: { epoch: 'asc' } }),
      (c) => c.teacherId,
    ),
  };
}
