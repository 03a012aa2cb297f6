import { z } from 'zod';

import { requireAccount } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';

const profileSchema = z.object({ name: z.string().trim().min(1).max(200) });

/** Change the caller's display name (the email is the account's identity and stays). */
export async function updateProfile(ctx: Context, raw: unknown) {
  const userId = requireAccount(ctx);
  const input = parseInput(profileSchema, raw, 'input');
  return audited(
    ctx,
    { operation: 'updateProfile', targetType: 'User', args: input, targetId: userId },
    (tx) => tx.user.update({ where: { id: userId }, data: { name: input.name } }),
  );
}
