import { isPrismaError, PrismaErrorCode } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { hashSecret, TOKEN_PREFIX } from '../auth/tokens.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { hashNewPassword } from '../user/new-password.ts';
import { deadLinkError, secretOf, unknownLinkError } from '../user/one-time-link.ts';
import { emailTakenError } from './create-invitation.ts';
import { redeemInvitations } from './redeem-invitations.ts';

/** The live invitation a link stands for, or the typed reason it cannot be used. */
async function findInvitation(ctx: Context, field: string, token: string) {
  const inv = await ctx.deps.prisma.invitation.findUnique({
    where: { tokenHash: hashSecret(secretOf(field, token, TOKEN_PREFIX.invitation)) },
    include: { project: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!inv) throw unknownLinkError(field, 'invitation');
  const dead = deadLinkError(field, inv, 'invitation');
  if (dead) throw dead;
  return inv;
}

/** What an invitation link offers (for the accept page; the link is the credential). */
export async function readInvitation(ctx: Context, token: string) {
  const inv = await findInvitation(ctx, 'token', token);
  return {
    email: inv.email,
    projectName: inv.project?.name ?? null,
    role: inv.role,
    isSiteAdmin: inv.isSiteAdmin,
    invitedBy: inv.invitedBy?.name ?? null,
    expiresAt: inv.expiresAt,
  };
}

const acceptSchema = z.object({
  token: z.string().max(2000),
  name: z.string().trim().min(1).max(200),
  password: z.string().max(1000),
});

/**
 * Accept an invitation: create the account with the chosen name and password and redeem every live
 * invitation for that email (memberships, site admin). Expired, revoked or used links, a weak password
 * and an email that meanwhile got an account are typed errors with nothing written. The new user then
 * signs in as usual.
 */
export async function acceptInvitation(ctx: Context, raw: unknown) {
  const input = parseInput(acceptSchema, raw, 'input');
  const inv = await findInvitation(ctx, 'input.token', input.token);
  const passwordHash = await hashNewPassword('input.password', input.password, inv.email);
  const spec = {
    operation: 'acceptInvitation',
    targetType: 'User',
    args: { invitationId: inv.id, email: inv.email, name: input.name },
    projectId: inv.projectId,
  };
  // The event's actor is the new user: audited reads the actor after the body ran.
  const actorCtx: Context = { ...ctx };
  return audited(actorCtx, spec, async (tx, scope) => {
    if (await tx.user.findUnique({ where: { email: inv.email }, select: { id: true } }))
      throw emailTakenError('input.token', inv.email);
    let user;
    try {
      user = await tx.user.create({ data: { email: inv.email, name: input.name, passwordHash } });
    } catch (e) {
      if (isPrismaError(e, PrismaErrorCode.UNIQUE_VIOLATION)) throw emailTakenError('input.token', inv.email);
      throw e;
    }
    const { ids } = await redeemInvitations(tx, inv.email, user.id);
    // A concurrent accept or revoke got there first: this transaction rolls back whole.
    if (!ids.includes(inv.id))
      throw new AppError(AppErrorCode.CONFLICT, 'input.token: this invitation link was already used', {
        field: 'input.token',
        details: { reason: 'LINK_USED' },
      });
    scope.targetId = user.id;
    actorCtx.actor = { ...ctx.actor, kind: 'USER', userId: user.id };
    return tx.user.findUniqueOrThrow({ where: { id: user.id } });
  });
}
