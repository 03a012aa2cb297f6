import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { ensureAnotherAdmin } from './last-admin.ts';
import { emailSchema, roleSchema } from './member-inputs.ts';

const addMemberSchema = z.object({ projectId: z.uuid(), email: emailSchema, role: roleSchema });

/** Add a user with an account to a project, or change their role (ADMIN); people without one are invited. */
export async function addMember(ctx: Context, raw: unknown) {
  const input = parseInput(addMemberSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'ADMIN');
  return audited(
    ctx,
    { operation: 'addMember', targetType: 'Membership', args: input, projectId: input.projectId },
    async (tx, scope) => {
      const user = await tx.user.findUnique({ where: { email: input.email } });
      if (!user)
        throw new AppError(
          AppErrorCode.NOT_FOUND,
          `input.email: no user has the email ${input.email}; invite them with createInvitation`,
          { field: 'input.email', details: { reason: 'NO_ACCOUNT' } },
        );
      const key = { projectId_userId: { projectId: input.projectId, userId: user.id } };
      const existing = await tx.membership.findUnique({ where: key });
      if (existing?.role === 'ADMIN' && input.role !== 'ADMIN')
        await ensureAnotherAdmin(tx, input.projectId, user.id, 'input.role');
      const m = await tx.membership.upsert({
        where: key,
        create: { projectId: input.projectId, userId: user.id, role: input.role },
        update: { role: input.role },
      });
      scope.targetId = m.id;
      return m;
    },
  );
}
