// Batched reads of users named by other records (membership, audit actor, inviter, token owner).
import type { Deps } from '../../context.ts';
import { oneBy } from '../../loaders/batch.ts';

/** The user loaders of one context. */
export function userLoaders({ prisma }: Pick<Deps, 'prisma'>) {
  return {
    user: oneBy(
      (ids) => prisma.user.findMany({ where: { id: { in: ids } } }),
      (u) => u.id,
    ),
  };
}
