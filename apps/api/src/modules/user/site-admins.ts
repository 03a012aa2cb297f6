import { prismaQuery, type Prisma } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

import { requireAccount } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { requireSiteAdmin } from '../audit/verify-chain.ts';

/** The caller must be a site admin acting with their whole account; returns their user id. */
export function requireSiteAdminAccount(ctx: Context): string {
  requireSiteAdmin(ctx);
  return requireAccount(ctx);
}

/**
 * Refuse a change that would leave the site without an enabled site admin once `userId` stops being
 * one (disabled or demoted). Rows are locked so concurrent changes serialise (see ensureAnotherAdmin).
 */
export async function ensureAnotherSiteAdmin(
  tx: Prisma.TransactionClient,
  userId: string,
  field = 'id',
): Promise<void> {
  const admins = await prismaQuery(tx)<{ id: string }>(
    `SELECT id FROM "User" WHERE "isSiteAdmin" AND "disabledAt" IS NULL FOR UPDATE`,
  );
  if (!admins.some((a) => a.id !== userId))
    throw new AppError(
      AppErrorCode.CONFLICT,
      `${field}: this is the last enabled site admin; make another user site admin first`,
      { field, details: { reason: 'LAST_SITE_ADMIN' } },
    );
}
