import type { Resolvers } from '../../generated/resolvers-types.ts';
import { distillStudent } from '../../modules/student/distill-student.ts';
import { getStudent, listStudents } from '../../modules/student/list-students.ts';

export const studentResolvers: Resolvers = {
  Query: {
    students: (_p, a, ctx) => listStudents(ctx, a.projectId, a.first),
    student: (_p, a, ctx) => getStudent(ctx, a.id),
  },
  Mutation: {
    distillStudent: (_p, a, ctx) => distillStudent(ctx, a.input),
  },
  Student: {
    run: (s, _a, ctx) => ctx.deps.prisma.run.findUniqueOrThrow({ where: { id: s.runId! } }),
    teachers: async (s, _a, ctx) =>
      (
        await ctx.deps.prisma.studentTeacher.findMany({
          where: { studentId: s.id! },
          orderBy: { position: 'asc' },
          include: { teacher: true },
        })
      ).map((x) => x.teacher),
    members: (s, _a, ctx) =>
      ctx.deps.prisma.studentTeacher.findMany({
        where: { studentId: s.id! },
        orderBy: { position: 'asc' },
        include: { teacher: true, checkpoint: true },
      }),
  },
};
