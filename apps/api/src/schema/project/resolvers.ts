import type { Resolvers } from '../../generated/resolvers-types.ts';
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
    members: (p, _a, ctx) =>
      ctx.deps.prisma.membership.findMany({ where: { projectId: p.id! }, orderBy: { createdAt: 'asc' } }),
    datasets: (p, _a, ctx) =>
      ctx.deps.prisma.dataset.findMany({ where: { projectId: p.id! }, orderBy: { createdAt: 'asc' } }),
    experiments: (p, _a, ctx) =>
      ctx.deps.prisma.experiment.findMany({
        where: { projectId: p.id! },
        orderBy: { createdAt: 'desc' },
        take: 200,
      }),
    runCount: (p, _a, ctx) => ctx.deps.prisma.run.count({ where: { projectId: p.id!, deletedAt: null } }),
  },
  Membership: {
    user: (m, _a, ctx) =>
      ctx.deps.prisma.user.findUniqueOrThrow({ where: { id: (m as { userId: string }).userId } }),
    project: (m, _a, ctx) => ctx.deps.prisma.project.findUniqueOrThrow({ where: { id: m.projectId! } }),
  },
};
