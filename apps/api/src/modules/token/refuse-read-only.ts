import { AppError, AppErrorCode } from '@distillery/errors';

import type { Context } from '../../context.ts';

/**
 * Wrap every Mutation resolver so a READ_ONLY token runs none of them: a read-only token is a promise
 * about the whole API, not only the project-role checks (which already see it as VIEWER).
 */
export function refuseReadOnly<R extends Record<string, unknown>>(mutations: R): R {
  const out: Record<string, unknown> = {};
  for (const [operation, resolver] of Object.entries(mutations)) {
    const fn = resolver as (parent: unknown, args: unknown, ctx: Context, info: unknown) => unknown;
    out[operation] = (parent: unknown, args: unknown, ctx: Context, info: unknown) => {
      if (ctx.actor.readOnly)
        throw new AppError(AppErrorCode.FORBIDDEN, `${operation}: this token is read-only`, {
          details: { reason: 'READ_ONLY_TOKEN' },
        });
      return fn(parent, args, ctx, info);
    };
  }
  return out as R;
}
