import type { Role } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { Context } from '../../context.ts';

const RANK: Record<Role, number> = { VIEWER: 1, MEMBER: 2, SUPERVISOR: 3, ADMIN: 4 };

/** True when `role` is at least `min`. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** The caller must be signed in as a user (RUNNER tokens are refused). */
export function requireUser(ctx: Context): string {
  if (ctx.actor.kind === 'ANONYMOUS')
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'sign in or send Authorization: Bearer <token>');
  if (ctx.actor.kind === 'RUNNER' || !ctx.actor.userId) {
    throw new AppError(AppErrorCode.FORBIDDEN, 'runner tokens may only claim runs and write their own runs');
  }
  return ctx.actor.userId;
}

/** The caller must act with their whole account: a session or an unscoped USER token (not one bound to a project). */
export function requireAccount(ctx: Context): string {
  const userId = requireUser(ctx);
  if (ctx.actor.projectId)
    throw new AppError(
      AppErrorCode.FORBIDDEN,
      'this token is scoped to one project; use a session or an unscoped token',
      {
        details: { reason: 'TOKEN_SCOPE' },
      },
    );
  return userId;
}

/**
 * The caller's role in a project (site admins are ADMIN everywhere), or null; cached per request.
 * A project-scoped token has no role elsewhere; a READ_ONLY token is VIEWER at most.
 */
export async function roleIn(ctx: Context, projectId: string): Promise<Role | null> {
  if (ctx.actor.kind !== 'USER' || !ctx.actor.userId) return null;
  if (ctx.actor.projectId && ctx.actor.projectId !== projectId) return null;
  const cap = (role: Role | null): Role | null => (role && ctx.actor.readOnly ? 'VIEWER' : role);
  if (ctx.actor.isSiteAdmin) return cap('ADMIN');
  const cached = ctx.roles.get(projectId);
  if (cached !== undefined) return cap(cached);
  // Batched: a page of projects (Project.myRole, say) asks for every role in one query.
  const [m] = await ctx.loaders.roleInProject.load([projectId, ctx.actor.userId]);
  const role = m?.role ?? null;
  ctx.roles.set(projectId, role);
  return cap(role);
}

/**
 * The caller must hold at least `min` in the project; returns the role. Above VIEWER the project must
 * not be archived (archived projects are read-only) unless `allowArchived` (unarchiving it).
 */
export async function requireRole(
  ctx: Context,
  projectId: string,
  min: Role,
  options: { allowArchived?: boolean } = {},
): Promise<Role> {
  requireUser(ctx);
  const role = await roleIn(ctx, projectId);
  if (!role)
    // Never the project's id: the caller may have named it by slug and must not learn the UUID.
    throw new AppError(AppErrorCode.FORBIDDEN, 'you are not a member of this project', {
      field: 'projectId',
    });
  if (!roleAtLeast(role, min)) {
    throw new AppError(AppErrorCode.FORBIDDEN, `this needs the ${min} role in the project; you are ${role}`);
  }
  if (min !== 'VIEWER' && !options.allowArchived) {
    const p = await ctx.deps.pool.query<{ archived: boolean }>(
      `SELECT "archivedAt" IS NOT NULL AS archived FROM "Project" WHERE id = $1`,
      [projectId],
    );
    if (p.rows[0]?.archived)
      throw new AppError(
        AppErrorCode.CONFLICT,
        'the project is archived (read-only); an ADMIN can unarchive it',
        {
          details: { reason: 'PROJECT_ARCHIVED' },
        },
      );
  }
  return role;
}

/**
 * For run writes that runners also do: a RUNNER token of the run's project passes (the attempt check
 * is the service's job); users need MEMBER.
 */
export async function requireRunWriter(ctx: Context, projectId: string): Promise<'RUNNER' | 'USER'> {
  if (ctx.actor.kind === 'RUNNER') {
    if (ctx.actor.projectId !== projectId)
      throw new AppError(AppErrorCode.FORBIDDEN, 'this runner token belongs to another project');
    return 'RUNNER';
  }
  await requireRole(ctx, projectId, 'MEMBER');
  return 'USER';
}

/** The caller must be a RUNNER token; returns the token and the project it is bound to. */
export function requireRunnerToken(ctx: Context): { tokenId: string; projectId: string } {
  if (ctx.actor.kind === 'ANONYMOUS')
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <runner token>');
  if (ctx.actor.kind !== 'RUNNER' || !ctx.actor.tokenId || !ctx.actor.projectId)
    throw new AppError(AppErrorCode.FORBIDDEN, 'only runner tokens may claim runs and report their status');
  return { tokenId: ctx.actor.tokenId, projectId: ctx.actor.projectId };
}

/** Only RUNNER tokens of the project may do runner operations. */
export function requireRunner(ctx: Context, projectId: string): void {
  if (requireRunnerToken(ctx).projectId !== projectId)
    throw new AppError(AppErrorCode.FORBIDDEN, 'this runner token belongs to another project');
}
