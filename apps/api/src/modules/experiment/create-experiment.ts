import { z } from 'zod';

import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { requireRole } from '../auth/roles.ts';

const createExperimentSchema = z.object({
  projectId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  plan: z.json().nullish(),
});

/** An empty Experiment that later mutations file runs under (MEMBER). */
export async function createExperiment(ctx: Context, raw: unknown) {
  const input = parseInput(createExperimentSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'MEMBER');
  return audited(
    ctx,
    { operation: 'createExperiment', targetType: 'Experiment', args: input, projectId: input.projectId },
    async (tx, scope) => {
      const e = await tx.experiment.create({
        data: { projectId: input.projectId, name: input.name, plan: input.plan ?? {} },
      });
      scope.targetId = e.id;
      return e;
    },
  );
}
