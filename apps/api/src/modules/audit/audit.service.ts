import type { Context } from '../../context.ts';
import { requireRole } from '../auth/roles.ts';
import { connectionOf, decodeCursor, pageSize } from '../../limits/paging.ts';
import { parseId } from '../../limits/ids.ts';
import { requireSiteAdmin } from './verify-chain.ts';

/** Filter of the audit log. */
export interface AuditFilterInput {
  projectId: string;
  operation?: string | null;
  actorId?: string | null;
  outcome?: 'SUCCESS' | 'FAILURE' | null;
  since?: Date | string | null;
  until?: Date | string | null;
}

/** The audit log newest first, keyset-paged by seq. */
export async function listAuditEvents(
  ctx: Context,
  filter: AuditFilterInput,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const projectId = parseId('filter.projectId', filter.projectId);
  await requireRole(ctx, projectId, 'SUPERVISOR');
  return listChain(ctx, projectId, filter, first, after);
}

/** The site log (sign-ins, project creation, non-members' failed calls), newest first (site admins). */
export async function listSiteAuditEvents(
  ctx: Context,
  filter: Omit<AuditFilterInput, 'projectId'> | null | undefined,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  requireSiteAdmin(ctx);
  return listChain(ctx, null, filter ?? {}, first, after);
}

async function listChain(
  ctx: Context,
  projectId: string | null,
  filter: Omit<AuditFilterInput, 'projectId'>,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const take = pageSize(first);
  const beforeSeq = after === null || after === undefined ? undefined : Number(decodeCursor('after', after));
  const rows = await ctx.deps.prisma.auditEvent.findMany({
    where: {
      projectId,
      ...(filter.operation ? { operation: filter.operation } : {}),
      ...(filter.actorId ? { actorId: parseId('filter.actorId', filter.actorId) } : {}),
      ...(filter.outcome ? { outcome: filter.outcome } : {}),
      ...(filter.since || filter.until
        ? {
            at: {
              ...(filter.since ? { gte: new Date(filter.since) } : {}),
              ...(filter.until ? { lte: new Date(filter.until) } : {}),
            },
          }
        : {}),
      ...(beforeSeq !== undefined && Number.isInteger(beforeSeq) ? { seq: { lt: beforeSeq } } : {}),
    },
    orderBy: { seq: 'desc' },
    take: take + 1,
  });
  return connectionOf(
    rows.map((node) => ({ ...node, id: String(node.id) })),
    take,
    after,
    (node) => String(node.seq),
  );
}
