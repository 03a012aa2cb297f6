import type { Resolvers } from '../../generated/resolvers-types.ts';
import { listTeachers } from '../../modules/teacher/list-teachers.ts';
import { trainTeachers } from '../../modules/teacher/train-teachers.ts';

export const teacherResolvers: Resolvers = {
  Query: {
    teachers: (_p, a, ctx) => listTeachers(ctx, a.projectId, a.first),
  },
  Mutation: {
    trainTeachers: (_p, a, ctx) => trainTeachers(ctx, a.input),
  },
  Teacher: {
    run: (t, _a, ctx) => ctx.deps.prisma.run.findUniqueOrThrow({ where: { id: t.runId! } }),
    subset: (t, _a, ctx) =>
      t.subsetId
        ? ctx.deps.prisma.subset.findUnique({ where: { id: t.subsetId }, omit: { members: true } })
        : null,
    checkpoints: (t, _a, ctx) =>
      ctx.deps.prisma.checkpoint.findMany({ where: { teacherId: t.id! }, orderBy: { epoch: 'asc' } }),
  },
};
