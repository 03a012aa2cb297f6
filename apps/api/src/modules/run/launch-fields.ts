// Input fields and checks every launch mutation shares (teachers, students, ensembles, baselines,
// experiments), so each launch refuses the same values with the same messages.
import { FUSION_RULES, fusionRuleSchema } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { z } from 'zod';

import type { Context } from '../../context.ts';

/** Tags of a launched run. */
export const tags = z.array(z.string().trim().min(1).max(100)).max(50).nullish();
/** The experiment a launched run is filed under. */
export const experimentId = z.uuid().nullish();
/** Epochs of a launched training run (null = the architecture's). */
export const epochs = z.number().int().min(1).max(10_000).nullish();
/** Fusion rules the runner knows (@distillery/domain's list), shared by evaluateEnsemble and launchExperiment. */
export const fusionRules = z.array(fusionRuleSchema).min(1).max(FUSION_RULES.length);

/** A typed error on `field` unless `key` is a registered architecture. */
export async function requireArchitecture(ctx: Context, key: string, field: string): Promise<void> {
  const a = await ctx.deps.prisma.architecture.findUnique({ where: { key } });
  if (!a) throw badInput(field, key, 'is not a registered architecture (see the architectures query)');
}
