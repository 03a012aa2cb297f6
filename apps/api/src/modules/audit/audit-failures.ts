import type { Context } from '../../context.ts';
import { recordFailure } from './audited.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The project a mutation's arguments point at, if they name one (directly or through a run). */
async function projectOf(ctx: Context, args: Record<string, unknown>): Promise<string | null> {
  const input = (args.input ?? {}) as Record<string, unknown>;
  const direct = args.projectId ?? input.projectId;
  if (typeof direct === 'string' && UUID.test(direct)) {
    return (
      (await ctx.deps.prisma.project.findUnique({ where: { id: direct }, select: { id: true } }))?.id ?? null
    );
  }
  const runId = args.runId ?? input.runId;
  if (typeof runId === 'string' && UUID.test(runId)) {
    return (
      (await ctx.deps.prisma.run.findUnique({ where: { id: runId }, select: { projectId: true } }))
        ?.projectId ?? null
    );
  }
  return null;
}

/**
 * Wrap every Mutation resolver so that a failure before the mutation's own transaction (bad input,
 * missing role, unknown id) is audited too: FAILURE with the error code, in the named project's chain.
 */
export function auditFailures<R extends Record<string, unknown>>(mutations: R): R {
  const out: Record<string, unknown> = {};
  for (const [operation, resolver] of Object.entries(mutations)) {
    const fn = resolver as (
      parent: unknown,
      args: Record<string, unknown>,
      ctx: Context,
      info: unknown,
    ) => unknown;
    out[operation] = async (parent: unknown, args: Record<string, unknown>, ctx: Context, info: unknown) => {
      try {
        return await fn(parent, args, ctx, info);
      } catch (e) {
        if (ctx.actor.kind !== 'ANONYMOUS') {
          const projectId = await projectOf(ctx, args).catch(() => null);
          await recordFailure(
            ctx,
            { operation, targetType: 'Mutation', args },
            { projectId, targetId: null },
            e,
          );
        }
        throw e;
      }
    };
  }
  return out as R;
}
