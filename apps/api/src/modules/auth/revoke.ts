import { prismaQuery, type Prisma } from '@distillery/db';

import type { Revocation } from './actor-cache.ts';
import type { Deps } from '../../context.ts';

/**
 * Tell every API replica, on commit of `tx`, that these credentials are gone: they drop the cached
 * actors and close the WebSockets that hold them (graphql-ws close 4403).
 */
export async function announceRevocation(
  deps: Deps,
  tx: Prisma.TransactionClient,
  r: Revocation,
): Promise<void> {
  // This replica forgets them now too: its own NOTIFY arrives after the response, so the caller's
  // next request could otherwise still be served from the cache (the entry is re-read after commit).
  deps.actors.drop(r);
  await deps.pubsub.publish(prismaQuery(tx), 'distillery.credentials_revoked', r);
}

/**
 * End every way a user can act: delete their sessions, revoke their API and runner tokens, and close
 * their open sockets on every replica. For disabling or deleting a user (and for an admin who must
 * cut off a compromised account); runs inside the caller's transaction.
 */
export async function revokeUserAccess(
  deps: Deps,
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<{ sessions: number; tokens: number }> {
  const sessions = await tx.session.deleteMany({ where: { userId } });
  const tokens = await tx.apiToken.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await announceRevocation(deps, tx, { userIds: [userId] });
  return { sessions: sessions.count, tokens: tokens.count };
}
