import { prismaQuery } from '@distillery/db';
import { appendAudit } from '@distillery/db/audit';
import type { Context } from '../../context.ts';

/**
 * A failed sign-in in the site chain (projectId null): the caller is anonymous, so the resolver-level
 * net skips it, yet guessing passwords is exactly what an operator must be able to see. The throttle
 * bounds how many such events one address or account can add.
 */
export async function recordSignInFailure(
  ctx: Context,
  email: string,
  userId: string | null,
  errorCode = 'UNAUTHENTICATED',
): Promise<void> {
  await ctx.deps.prisma
    .$transaction((tx) =>
      appendAudit(prismaQuery(tx), {
        projectId: null,
        actorId: null,
        actorKind: 'ANONYMOUS',
        operation: 'signIn',
        targetType: 'User',
        targetId: userId,
        args: { email, address: ctx.address },
        outcome: 'FAILURE',
        errorCode,
      }),
    )
    .catch((e: unknown) => console.error('api: could not audit a failed sign-in', e));
}
