import type { Context } from '../../context.ts';
import { chainHash, GENESIS_HASH, type ChainedEvent } from '../../audit/canonical.ts';
import { requireRole } from '../../auth/roles.ts';
import { decodeCursor, encodeCursor, pageSize } from '../../limits/paging.ts';
import { parseId } from '../../limits/ids.ts';

/** Result of recomputing a project's chain. */
export interface ChainReport {
  projectId: string;
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  headSeq: number | null;
  headHash: string | null;
}

interface Row extends Omit<ChainedEvent, 'args'> {
  args: string;
  prevHash: string;
  hash: string;
}

/**
 * Recompute the chain: seq must run 1..n without gaps, each prevHash must equal the previous hash and
 * each hash must match the row's content. Reads in pages so a long log does not load at once.
 */
export async function verifyAuditChain(ctx: Context, projectIdRaw: string): Promise<ChainReport> {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'SUPERVISOR');
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const bad = (seq: number, reason: string): ChainReport => ({
    projectId,
    ok: false,
    checked,
    firstBadSeq: seq,
    reason,
    headSeq: null,
    headHash: null,
  });
  for (;;) {
    const rows = await ctx.deps.pool.query<Row>(
      `SELECT "projectId", seq, "actorId", "actorKind", operation, "targetType", "targetId", args::text AS args, outcome::text AS outcome,
              "errorCode", to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, "prevHash", hash
       FROM "AuditEvent" WHERE "projectId" = $1 AND seq >= $2 ORDER BY seq LIMIT 5000`,
      [projectId, expectedSeq],
    );
    for (const r of rows.rows) {
      if (r.seq !== expectedSeq)
        return bad(expectedSeq, `event ${expectedSeq} is missing (next is ${r.seq})`);
      if (r.prevHash !== prev) return bad(r.seq, `event ${r.seq} does not link to event ${r.seq - 1}`);
      const { prevHash: _p, hash, args, ...rest } = r;
      if (chainHash(prev, { ...rest, args: JSON.parse(args) as unknown }) !== hash)
        return bad(r.seq, `event ${r.seq} was altered`);
      prev = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.rows.length < 5000) break;
  }
  return {
    projectId,
    ok: true,
    checked,
    firstBadSeq: null,
    reason: null,
    headSeq: checked || null,
    headHash: checked ? prev : null,
  };
}

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
  const page = rows.slice(0, take);
  const edges = page.map((node) => ({
    cursor: encodeCursor(String(node.seq)),
    node: { ...node, id: String(node.id) },
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > take,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
