import { prismaQuery, type Prisma } from '@distillery/db';
import { AppErrorCode, isAppError } from '@distillery/errors';

import { appendAudit } from '@distillery/db/audit';
import { redactArgs } from './redact.ts';
import { roleIn } from '../auth/roles.ts';
import type { Context } from '../../context.ts';

/** What the mutation body tells the audit record; set as soon as it is known (also used on failure). */
export interface AuditScope {
  projectId: string | null;
  targetId: string | null;
}

/** Static description of an audited mutation. */
export interface AuditSpec {
  operation: string;
  targetType: string;
  args: unknown;
  projectId?: string | null;
  targetId?: string | null;
}

/**
 * Run a mutation body in one transaction and append its SUCCESS audit event in that transaction.
 * On failure nothing of the body remains; a FAILURE event is then appended in its own small
 * transaction (for signed-in callers, so anonymous noise cannot grow the log).
 */
export async function audited<T>(
  ctx: Context,
  spec: AuditSpec,
  body: (tx: Prisma.TransactionClient, scope: AuditScope) => Promise<T>,
): Promise<T> {
  const scope: AuditScope = { projectId: spec.projectId ?? null, targetId: spec.targetId ?? null };
  const { prisma } = ctx.deps;
  try {
    return await prisma.$transaction(async (tx) => {
      const result = await body(tx, scope);
      await appendAudit(prismaQuery(tx), eventOf(ctx, spec, scope, 'SUCCESS', null));
      return result;
    });
  } catch (e) {
    await recordFailure(ctx, spec, scope, e);
    throw e;
  }
}

// Errors already written to the log, so the resolver-level net does not record them twice.
const recorded = new WeakSet<object>();

/** True when this error's FAILURE event was already appended. */
export function wasRecorded(error: unknown): boolean {
  return typeof error === 'object' && error !== null && recorded.has(error);
}

/** Append a FAILURE event after the mutation's transaction rolled back. */
export async function recordFailure(
  ctx: Context,
  spec: AuditSpec,
  scope: AuditScope,
  error: unknown,
): Promise<void> {
  if (ctx.actor.kind === 'ANONYMOUS' || wasRecorded(error)) return;
  if (typeof error === 'object' && error !== null) recorded.add(error);
  const code = isAppError(error) ? error.code : AppErrorCode.INTERNAL;
  // A caller who is no member of the project writes to the site chain: outsiders must not be able to
  // append chosen arguments to another project's log.
  const projectId = scope.projectId && (await isInsider(ctx, scope.projectId)) ? scope.projectId : null;
  const event = eventOf(ctx, spec, { ...scope, projectId }, 'FAILURE', code);
  await ctx.deps.prisma
    .$transaction((tx) => appendAudit(prismaQuery(tx), event))
    .catch(async (e: unknown) => {
      ctx.deps.log.error(
        { err: e },
        'could not record a failed mutation in the audit log; recording it without arguments',
      );
      // Nothing about the arguments may keep the event itself out of the log.
      await ctx.deps.prisma
        .$transaction((tx) => appendAudit(prismaQuery(tx), { ...event, args: { unrecordable: true } }))
        .catch((e2: unknown) =>
          ctx.deps.log.error({ err: e2 }, 'could not record a failed mutation in the audit log'),
        );
    });
}

/** The caller belongs to the project: a site admin, its RUNNER token, or a member. */
async function isInsider(ctx: Context, projectId: string): Promise<boolean> {
  if (ctx.actor.kind === 'RUNNER') return ctx.actor.projectId === projectId;
  return (await roleIn(ctx, projectId).catch(() => null)) !== null;
}

/** The audit event of a mutation by the context's actor. */
export function eventOf(
  ctx: Context,
  spec: AuditSpec,
  scope: AuditScope,
  outcome: 'SUCCESS' | 'FAILURE',
  errorCode: string | null,
) {
  return {
    projectId: scope.projectId,
    actorId: ctx.actor.userId,
    actorKind: ctx.actor.kind,
    operation: spec.operation,
    targetType: spec.targetType,
    targetId: scope.targetId,
    args: redactArgs(spec.args),
    outcome,
    errorCode,
  };
}
