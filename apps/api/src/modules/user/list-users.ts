import type { Prisma } from '@distillery/db';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { connectionOf, decodeCursor, pageSize } from '../../limits/paging.ts';
import { parseInput } from '../../limits/validate.ts';
import { requireSiteAdmin } from '../audit/verify-chain.ts';

const filterSchema = z
  .object({
    search: z.string().trim().max(200).nullish(),
    disabled: z.boolean().nullish(),
  })
  .nullish();

/** Every user of the site (site admins), by email, keyset-paged; `search` matches email or name. */
export async function listUsers(
  ctx: Context,
  rawFilter: unknown,
  first?: number | null,
  after?: string | null,
) {
  requireSiteAdmin(ctx);
  const filter = parseInput(filterSchema, rawFilter, 'filter') ?? {};
  const take = pageSize(first);
  const afterEmail = after ? decodeCursor('after', after) : null;
  const where: Prisma.UserWhereInput = {
    ...(filter.search
      ? {
          OR: [
            { email: { contains: filter.search, mode: 'insensitive' } },
            { name: { contains: filter.search, mode: 'insensitive' } },
          ],
        }
      : {}),
    ...(filter.disabled === true ? { disabledAt: { not: null } } : {}),
    ...(filter.disabled === false ? { disabledAt: null } : {}),
    ...(afterEmail !== null ? { email: { gt: afterEmail } } : {}),
  };
  const rows = await ctx.deps.prisma.user.findMany({ where, orderBy: { email: 'asc' }, take: take + 1 });
  return connectionOf(rows, take, after, (u) => u.email);
}
