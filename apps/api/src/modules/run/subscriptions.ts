import type { Run } from '@distillery/db';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { pushIterator } from '../../pubsub/iterator.ts';
import type { Topics } from '../../pubsub/topics.ts';

type Notice = Topics['distillery.run_updated'];

// Every subscriber of a project gets the same notice object, so the run is read once per notice.
const loaded = new WeakMap<Notice, Promise<Run | null>>();

/** Notices of a project's run changes (VIEWER). */
export async function runUpdated(ctx: Context, projectIdRaw: string): Promise<AsyncIterableIterator<Notice>> {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  const { iterator, push } = pushIterator<Notice>(() => off());
  const off = ctx.deps.pubsub.on('distillery.run_updated', (n) => {
    if (n.projectId === projectId) push(n);
  });
  return iterator;
}

/** The run a notice is about (read once per notice across subscribers). */
export function runOfNotice(ctx: Context, n: Notice): Promise<Run | null> {
  let p = loaded.get(n);
  if (!p) {
    p = ctx.deps.prisma.run.findUnique({ where: { id: n.runId } });
    loaded.set(n, p);
  }
  return p;
}
