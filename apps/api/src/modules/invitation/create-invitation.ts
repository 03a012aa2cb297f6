import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { requireAccount, requireRole } from '../auth/roles.ts';
import { TOKEN_PREFIX } from '../auth/tokens.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { trySend } from '../../mail/mailer.ts';
import { invitationMail } from '../../mail/templates.ts';
import { audited } from '../audit/audited.ts';
import { requireSiteAdmin } from '../audit/verify-chain.ts';
import { emailSchema, roleSchema } from '../member/member-inputs.ts';
import { linkUrl, newLinkSecret } from '../user/one-time-link.ts';

const inviteSchema = z.object({
  email: emailSchema,
  projectId: z.uuid().nullish(),
  role: roleSchema.nullish(),
  isSiteAdmin: z.boolean().nullish(),
});

/** The email belongs to an account already: members are added, not invited. */
export const emailTakenError = (field: string, email: string) =>
  new AppError(
    AppErrorCode.CONFLICT,
    `${field}: ${email} already has an account; add them to a project with addMember`,
    { field, details: { reason: 'EMAIL_TAKEN' } },
  );

/**
 * Invite someone by email: a one-time link, valid for the configured days, that creates their account.
 * Site admins invite to the site (optionally as site admin) or to any project; a project's ADMINs
 * invite to their project. A new invitation replaces the pending one for the same email and project.
 * The link is returned (shown once to the inviter) and mailed when SMTP is configured.
 */
export async function createInvitation(ctx: Context, raw: unknown) {
  const inviterId = requireAccount(ctx);
  const input = parseInput(inviteSchema, raw, 'input');
  const projectId = input.projectId ?? null;
  const role = projectId ? (input.role ?? 'MEMBER') : null;
  if (input.role && !projectId)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, 'input.role: a role needs a projectId', {
      field: 'input.role',
    });
  if (projectId && !input.isSiteAdmin) await requireRole(ctx, projectId, 'ADMIN');
  else requireSiteAdmin(ctx);
  const { secret, tokenHash, expiresAt } = newLinkSecret(
    TOKEN_PREFIX.invitation,
    ctx.deps.accounts.invitationDays * 86_400_000,
  );
  const args = { email: input.email, projectId, role, isSiteAdmin: Boolean(input.isSiteAdmin) };
  const { invitation, inviter, project } = await audited(
    ctx,
    { operation: 'createInvitation', targetType: 'Invitation', args, projectId },
    async (tx, scope) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
        throw emailTakenError('input.email', input.email);
      await tx.invitation.updateMany({
        where: { email: input.email, projectId, acceptedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      const created = await tx.invitation.create({
        data: { ...args, tokenHash, expiresAt, invitedById: inviterId },
      });
      scope.targetId = created.id;
      return {
        invitation: created,
        inviter: await tx.user.findUniqueOrThrow({ where: { id: inviterId } }),
        project: projectId ? await tx.project.findUnique({ where: { id: projectId } }) : null,
      };
    },
  );
  const url = linkUrl(ctx.deps.accounts, 'invite', secret);
  const emailSent = await trySend(
    ctx.deps.mailer,
    invitationMail({
      to: input.email,
      inviter: inviter.name,
      project: project?.name ?? null,
      role,
      url,
      expiresAt,
    }),
  );
  return { invitation, url, emailSent };
}
