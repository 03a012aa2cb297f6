import type { Resolvers } from '../../generated/resolvers-types.ts';
import { loadOrThrow } from '../../loaders/batch.ts';
import { createProject, getProject, listProjects, myRole } from '../../modules/project/project.service.ts';
import { setProjectArchived, updateProject } from '../../modules/project/update-project.ts';

export const projectResolvers: Resolvers = {
  Query: {
    projects: (_p, a, ctx) => listProjects(ctx, a.includeArchived ?? false),
    project: (_p, a, ctx) => getProject(ctx, a.id),
  },
  Mutation: {
    createProject: (_p, a, ctx) => createProject(ctx, a.input),
    updateProject: (_p, a, ctx) => updateProject(ctx, a.input),
    archiveProject: (_p, a, ctx) => setProjectArchived(ctx, a.projectId, true),
    unarchiveProject: (_p, a, ctx) => setProjectArchived(ctx, a.projectId, false),
  },
  Project: {
    myRole: (p, _a, ctx) => myRole(ctx, p.id!),
    members: (p, _a, ctx) => ctx.loaders.membershipsOfProject.load(p.id!),
    datasets: (p, _a, ctx) => ctx.loaders.datasetsOfProject.load(p.id!),
    experiments: (p, _a, ctx) => ctx.loaders.experimentsOfProject.load(p.id!),
    runCount: async (p, _a, ctx) => (await ctx.loaders.runCountOfProject.load(p.id!))?._count._all ?? 0,
  },
  Membership: {
    user: (m, _a, ctx) => loadOrThrow(ctx.loaders.user, 'User', (m as { userId: string }).userId),
    project: (m, _a, ctx) => loadOrThrow(ctx.loaders.project, 'Project', m.projectId!),
  },
};
