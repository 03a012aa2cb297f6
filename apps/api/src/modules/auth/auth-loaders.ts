// Batched membership reads: the caller's role in each project of a page (Project.myRole, requireRole)
// and a user's own memberships.
import type { Role } from '@distillery/db';
import { isUuid } from '@distillery/domain';

import type { Deps } from '../../context.ts';
import { manyByWith } from '../../loaders/batch.ts';

/** The membership loaders of one context. */
export function authLoaders({ prisma, pool }: Pick<Deps, 'prisma' | 'pool'>) {
  return {
    /** The role of user `arg` in each project (an empty list when not a member). */
    roleInProject: manyByWith(
      async (projectIds, userId: string) =>
        (
          await pool.query<{ projectId: string; role: Role }>(
            `SELECT "projectId", role FROM "Membership" WHERE "userId" = $2 AND "projectId" = ANY($1::uuid[])`,
            // A key that is no UUID has no membership; it must not fail the other keys of its batch.
            [projectIds.filter(isUuid), userId],
          )
        ).rows,
      (m) => m.projectId,
    ),
    /** Each user's memberships, oldest first (argument: one project to keep, '' for all). */
    membershipsOfUser: manyByWith(
      (userIds, projectId: string) =>
        prisma.membership.findMany({
          where: { userId: { in: userIds }, ...(projectId ? { projectId } : {}) },
          orderBy: { createdAt: 'asc' },
        }),
      (m) => m.userId,
    ),
  };
}
