import type { Resolvers } from '../../generated/resolvers-types.ts';
import { loadOrThrow } from '../../loaders/batch.ts';
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
    run: (t, _a, ctx) => loadOrThrow(ctx.loaders.run, 'Run', t.runId!),
    subset: (t, _a, ctx) => (t.subsetId ? ctx.loaders.subset.load(t.subsetId) : null),
    checkpoints: (t, _a, ctx) => ctx.loaders.checkpointsOfTeacher.load(t.id!),
  },
};
