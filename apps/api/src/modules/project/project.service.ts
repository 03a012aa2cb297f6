import { isPrismaError, PrismaErrorCode } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { requireAccount, requireRole, requireUser, roleIn } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Projects the caller belongs to (all for site admins; only its own for a project-scoped token). */
export async function listProjects(ctx: Context, includeArchived = false) {
  const userId = requireUser(ctx);
  return ctx.deps.prisma.project.findMany({
    where: {
      ...(ctx.actor.isSiteAdmin ? {} : { memberships: { some: { userId } } }),
      ...(ctx.actor.projectId ? { id: ctx.actor.projectId } : {}),
      ...(includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: { createdAt: 'asc' },
    take: 1000,
  });
}

/** One project by id or slug; VIEWER at least. */
export async function getProject(ctx: Context, idOrSlug: string) {
  requireUser(ctx);
  if (idOrSlug.length > 100)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, 'id: must be a UUID or a slug', { field: 'id' });
  const project = await ctx.deps.prisma.project.findUnique({
    where: UUID.test(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug },
  });
  if (!project) return null;
  await requireRole(ctx, project.id, 'VIEWER');
  return project;
}

/** The caller's role in a project they can see. */
export async function myRole(ctx: Context, projectId: string) {
  return (await roleIn(ctx, projectId)) ?? 'VIEWER';
}

const createProjectSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'lowercase letters, digits and dashes, 2–64 characters'),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullish(),
});

/** Create a project and make the caller its ADMIN. */
export async function createProject(ctx: Context, raw: unknown) {
  const userId = requireAccount(ctx);
  const input = parseInput(createProjectSchema, raw, 'input');
  return audited(
    ctx,
    { operation: 'createProject', targetType: 'Project', args: input },
    async (tx, scope) => {
      try {
        const project = await tx.project.create({
          data: { slug: input.slug, name: input.name, description: input.description ?? '' },
        });
        await tx.membership.create({ data: { projectId: project.id, userId, role: 'ADMIN' } });
        scope.projectId = project.id;
        scope.targetId = project.id;
        return project;
      } catch (e) {
        if (isPrismaError(e, PrismaErrorCode.UNIQUE_VIOLATION))
          throw new AppError(AppErrorCode.CONFLICT, `input.slug: a project "${input.slug}" already exists`, {
            field: 'input.slug',
          });
        throw e;
      }
    },
  );
}
