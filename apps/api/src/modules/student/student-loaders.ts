// Batched reads behind the Student field resolvers (and ModelVersion.student).
import type { Deps } from '../../context.ts';
import { manyBy, oneBy } from '../../loaders/batch.ts';

/** The student-side loaders of one context. */
export function studentLoaders({ prisma }: Pick<Deps, 'prisma'>) {
  return {
    student: oneBy(
      (ids) => prisma.student.findMany({ where: { id: { in: ids } } }),
      (s) => s.id,
    ),
    /** Members in head order, with their teacher and checkpoint (null = FINAL weights). */
    membersOfStudent: manyBy(
      (ids) =>
        prisma.studentTeacher.findMany({
          where: { studentId: { in: ids } },
          orderBy: { position: 'asc' },
          include: { teacher: true, checkpoint: true },
        }),
      (m) => m.studentId,
    ),
  };
}
