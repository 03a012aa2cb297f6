import { AppError, AppErrorCode } from '@distillery/errors';

import { requireRole, requireUser } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { announceRevocation } from '../auth/revoke.ts';
import { ensureAnotherAdmin } from './last-admin.ts';
import { memberRefSchema, roleSchema } from './member-inputs.ts';

const setRoleSchema = memberRefSchema.extend({ role: roleSchema });

const notMember = () =>
  new AppError(AppErrorCode.NOT_FOUND, 'input.userId: this user is not a member of the project', {
    field: 'input.userId',
  });

/** Change a member's role (ADMIN); the last ADMIN cannot be demoted, not even by themselves. */
export async function setMemberRole(ctx: Context, raw: unknown) {
  const input = parseInput(setRoleSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'ADMIN');
  return audited(
    ctx,
    { operation: 'setMemberRole', targetType: 'Membership', args: input, projectId: input.projectId },
    async (tx, scope) => {
      const key = { projectId_userId: { projectId: input.projectId, userId: input.userId } };
      const m = await tx.membership.findUnique({ where: key });
      if (!m) throw notMember();
      scope.targetId = m.id;
      if (m.role === 'ADMIN' && input.role !== 'ADMIN')
        await ensureAnotherAdmin(tx, input.projectId, input.userId, 'input.role');
      return tx.membership.update({ where: key, data: { role: input.role } });
    },
  );
}

/** Remove a member (ADMIN); their tokens bound to the project stop working with the membership. */
export async function removeMember(ctx: Context, raw: unknown) {
  const input = parseInput(memberRefSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'ADMIN');
  return dropMembership(ctx, 'removeMember', input.projectId, input.userId);
}

/** Leave a project (any member); the last ADMIN must hand the project over first. */
export async function leaveProject(ctx: Context, projectIdRaw: string) {
  const userId = requireUser(ctx);
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER', { allowArchived: true });
  return dropMembership(ctx, 'leaveProject', projectId, userId);
}

async function dropMembership(ctx: Context, operation: string, projectId: string, userId: string) {
  return audited(
    ctx,
    { operation, targetType: 'Membership', args: { projectId, userId }, projectId },
    async (tx, scope) => {
      const key = { projectId_userId: { projectId, userId } };
      const m = await tx.membership.findUnique({ where: key });
      if (!m) throw notMember();
      scope.targetId = m.id;
      if (m.role === 'ADMIN') await ensureAnotherAdmin(tx, projectId, userId);
      await tx.membership.delete({ where: key });
      // Runner tokens this user made for the project belong to the project's admins now; personal
      // tokens scoped to it are useless without the membership, so they are revoked with it.
      const scoped = await tx.apiToken.findMany({
        where: { userId, projectId, kind: 'USER', revokedAt: null },
        select: { id: true },
      });
      if (scoped.length) {
        const tokenIds = scoped.map((t) => t.id);
        await tx.apiToken.updateMany({ where: { id: { in: tokenIds } }, data: { revokedAt: new Date() } });
        await announceRevocation(ctx.deps, tx, { tokenIds });
      }
      return true;
    },
  );
}
