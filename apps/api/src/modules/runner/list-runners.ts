import { UTC_NOW } from '@distillery/db/lifecycle';

import { requireUser } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import type { RunnerModel } from '../../schema/mappers.ts';

/** Most registrations the workers page lists (a lab has a handful of runners; crash loops make more). */
const RUNNERS_SHOWN = 200;
/** Registrations whose last beat is older than this drop off the page (their rows stay). */
const SHOWN_FOR_HOURS = 24;

/**
 * The runners seen in the last day, live ones first (signed-in users: a runner's host and queues are no
 * project's secret; the runs it holds are filtered per project by the Runner field resolvers).
 */
export async function listRunners(ctx: Context): Promise<RunnerModel[]> {
  requireUser(ctx);
  const { prisma } = ctx.deps;
  // The database's clock stamped every beat; ages are measured on it too.
  const [clock] = await prisma.$queryRawUnsafe<{ now: Date }[]>(`SELECT ${UTC_NOW} AS now`);
  const now = clock!.now;
  const rows = await prisma.runnerRegistration.findMany({
    where: { heartbeatAt: { gt: new Date(now.getTime() - SHOWN_FOR_HOURS * 3_600_000) } },
    orderBy: [{ stoppedAt: { sort: 'desc', nulls: 'first' } }, { heartbeatAt: 'desc' }],
    take: RUNNERS_SHOWN,
  });
  return rows.map((r) => ({ ...r, ageMs: Math.max(0, now.getTime() - r.heartbeatAt.getTime()) }));
}
