import { AppError, AppErrorCode } from '@distillery/errors';

import { chainHash, GENESIS_HASH, type ChainedEvent } from '@distillery/db/audit';
import { chainOf, signedCheckpoints } from './checkpoints.ts';
import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';

/** Result of recomputing a chain (projectId null: the site chain). */
export interface ChainReport {
  projectId: string | null;
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  headSeq: number | null;
  headHash: string | null;
  /** Signed head checkpoints the chain was checked against. */
  checkpoints: number;
}

interface Row extends Omit<ChainedEvent, 'args'> {
  args: string;
  prevHash: string;
  hash: string;
}

/** Recompute a project's chain (SUPERVISOR). */
export async function verifyAuditChain(ctx: Context, projectIdRaw: string): Promise<ChainReport> {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'SUPERVISOR');
  return verifyChain(ctx, projectId);
}

/** Recompute the site chain: sign-ins, project creation, non-members' failed calls (site admins). */
export async function verifySiteAuditChain(ctx: Context): Promise<ChainReport> {
  requireSiteAdmin(ctx);
  return verifyChain(ctx, null);
}

/** Only site admins read the site chain. */
export function requireSiteAdmin(ctx: Context): void {
  if (ctx.actor.kind === 'ANONYMOUS')
    throw new AppError(AppErrorCode.UNAUTHENTICATED, 'sign in or send Authorization: Bearer <token>');
  if (!ctx.actor.isSiteAdmin)
    throw new AppError(AppErrorCode.FORBIDDEN, 'the site audit log is for site admins');
}

/**
 * seq must run 1..n without gaps, each prevHash must equal the previous hash and each hash must
 * match the row's content; then every signed head checkpoint must match the event at its seq, which
 * catches what the chain alone cannot: the newest events deleted, or one rewritten and the rest
 * re-hashed by someone who can run the product's own hash function. Reads in pages.
 */
async function verifyChain(ctx: Context, projectId: string | null): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const hashes = new Map<number, string>();
  const signer = ctx.deps.auditSigner;
  const checkpoints = signer
    ? await signedCheckpoints(ctx.deps.pool, chainOf(projectId), signer.publicKey)
    : { valid: [], invalid: 0 };
  const wanted = new Set(checkpoints.valid.map((c) => c.seq));
  const report = (ok: boolean, firstBadSeq: number | null, reason: string | null): ChainReport => ({
    projectId,
    ok,
    checked,
    firstBadSeq,
    reason,
    headSeq: ok ? checked || null : null,
    headHash: ok && checked ? prev : null,
    checkpoints: checkpoints.valid.length,
  });
  for (;;) {
    const rows = await ctx.deps.pool.query<Row>(
      `SELECT "projectId", seq, "actorId", "actorKind", operation, "targetType", "targetId", args::text AS args, outcome::text AS outcome,
              "errorCode", to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, "prevHash", hash
       FROM "AuditEvent" WHERE ${projectId ? `"projectId" = $2::uuid` : `"projectId" IS NULL`} AND seq >= $1
       ORDER BY seq LIMIT 5000`,
      projectId ? [expectedSeq, projectId] : [expectedSeq],
    );
    for (const r of rows.rows) {
      if (r.seq !== expectedSeq)
        return report(false, expectedSeq, `event ${expectedSeq} is missing (next is ${r.seq})`);
      if (r.prevHash !== prev)
        return report(false, r.seq, `event ${r.seq} does not link to event ${r.seq - 1}`);
      const { prevHash: _p, hash, args, ...rest } = r;
      if (chainHash(prev, { ...rest, args: JSON.parse(args) as unknown }) !== hash)
        return report(false, r.seq, `event ${r.seq} was altered`);
      if (wanted.has(r.seq)) hashes.set(r.seq, hash);
      prev = hash;
      expectedSeq++;
      checked++;
    }
    if (rows.rows.length < 5000) break;
  }
  for (const c of checkpoints.valid) {
    if (c.seq > checked)
      return report(
        false,
        checked + 1,
        `the chain ends at event ${checked} but a signed checkpoint of ${c.at} saw event ${c.seq}: events were deleted`,
      );
    if (hashes.get(c.seq) !== c.hash)
      return report(
        false,
        c.seq,
        `event ${c.seq} differs from its signed checkpoint of ${c.at}: events were rewritten and re-hashed`,
      );
  }
  if (checkpoints.invalid > 0)
    return report(
      false,
      null,
      `${checkpoints.invalid} checkpoint(s) carry no valid signature of this deployment's key`,
    );
  return report(true, null, null);
}
