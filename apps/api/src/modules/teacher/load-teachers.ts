import { badInput, notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';

/**
 * Teachers by id, all in one project and one split, in the given order, with the project they share.
 * No role check: the caller checks the role in the returned project before reading further.
 */
export async function loadTeachers(ctx: Context, ids: string[], field: string) {
  const rows = await ctx.deps.prisma.teacher.findMany({
    where: { id: { in: ids } },
    include: { run: { select: { projectId: true, splitId: true, datasetId: true, status: true } } },
  });
  const byId = new Map(rows.map((t) => [t.id, t]));
  const teachers = ids.map((id, i) => {
    const t = byId.get(id);
    if (!t) throw notFound(`Teacher (${field}[${i}])`, id);
    return t;
  });
  const projectId = teachers[0]!.run.projectId;
  if (teachers.some((t) => t.run.projectId !== projectId))
    throw badInput(field, ids, 'all teachers must belong to one project');
  const splitId = teachers[0]!.run.splitId;
  if (teachers.some((t) => t.run.splitId !== splitId))
    throw badInput(field, ids, 'all teachers must be trained on one split');
  return { teachers, projectId, splitId, datasetId: teachers[0]!.run.datasetId };
}
