import { prismaQuery, type Prisma } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

/**
 * Refuse a change that would leave the project without an ADMIN member once `userId` stops being one
 * (demoted, removed, leaving). The ADMIN rows are locked, so two admins demoting each other at once
 * serialise: the second sees the first's change and is refused. Site admins do not count: they are
 * ADMIN everywhere but members of nothing, and a project must stay manageable by its own people.
 */
export async function ensureAnotherAdmin(
  tx: Prisma.TransactionClient,
  projectId: string,
  userId: string,
  field = 'input.userId',
): Promise<void> {
  const admins = await prismaQuery(tx)<{ userId: string }>(
    `SELECT "userId" FROM "Membership" WHERE "projectId" = $1::uuid AND role = 'ADMIN' FOR UPDATE`,
    [projectId],
  );
  if (!admins.some((a) => a.userId !== userId))
    throw new AppError(
      AppErrorCode.CONFLICT,
      `${field}: this is the project's last ADMIN; make another member ADMIN first`,
      { field, details: { reason: 'LAST_ADMIN' } },
    );
}
