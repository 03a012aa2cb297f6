import { requireRole, requireUser } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pushIterator } from '../../pubsub/iterator.ts';
import type { Topics } from '../../pubsub/topics.ts';

/** Job events of one project (VIEWER) or of every project the caller belongs to. */
export async function jobQueueChanged(
  ctx: Context,
  projectIdRaw: string | null,
): Promise<AsyncIterableIterator<Topics['distillery.job_queue']>> {
  const userId = requireUser(ctx);
  let allowed: (projectId: string) => boolean;
  if (projectIdRaw) {
    const projectId = parseId('projectId', projectIdRaw);
    await requireRole(ctx, projectId, 'VIEWER');
    allowed = (p) => p === projectId;
  } else if (ctx.actor.isSiteAdmin) {
    allowed = () => true;
  } else {
    const mine = new Set(
      (await ctx.deps.prisma.membership.findMany({ where: { userId }, select: { projectId: true } })).map(
        (m) => m.projectId,
      ),
    );
    allowed = (p) => mine.has(p);
  }
  const { iterator, push } = pushIterator<Topics['distillery.job_queue']>(() => off());
  const off = ctx.deps.pubsub.on('distillery.job_queue', (n) => {
    if (allowed(n.projectId)) push(n);
  });
  return iterator;
}
