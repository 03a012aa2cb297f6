import type { Resolvers } from '../../generated/resolvers-types.ts';
import { loadOrThrow } from '../../loaders/batch.ts';
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
    run: (s, _a, ctx) => loadOrThrow(ctx.loaders.run, 'Run', s.runId!),
    teachers: async (s, _a, ctx) => (await ctx.loaders.membersOfStudent.load(s.id!)).map((m) => m.teacher),
    members: (s, _a, ctx) => ctx.loaders.membersOfStudent.load(s.id!),
  },
};
