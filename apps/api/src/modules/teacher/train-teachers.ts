import { teacherOriginSchema } from '@distillery/domain';
import { badInput, notFound } from '@distillery/errors';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { getSplit } from '../data/data.service.ts';
import { experimentIn } from '../experiment/resolve-experiment.ts';
import { epochs, experimentId, requireArchitecture, tags } from '../run/launch-fields.ts';
import { enqueueRunJob } from '../run/run-jobs.ts';
import { resolveTraining, trainingInputSchema } from '../run/training-options.ts';

const teachersSchema = z.object({
  splitId: z.uuid(),
  architectureKey: z.string().min(1).max(100),
  subsetIds: z.array(z.uuid()).max(1000).nullish(),
  seeds: z.array(z.number().int()).max(1000).nullish(),
  origin: teacherOriginSchema,
  cycles: z.number().int().min(1).max(100),
  epochs,
  training: trainingInputSchema,
  tags,
  experimentId,
});

/** One TEACHER run (+ Teacher) per subset or per seed, each with its train-teacher job, in one transaction (MEMBER). */
export async function trainTeachers(ctx: Context, raw: unknown) {
  const input = parseInput(teachersSchema, raw, 'input');
  // Role check: MEMBER of the split's project (getSplit refuses anyone else).
  const split = await getSplit(ctx, input.splitId, 'MEMBER', 'input.splitId');
  if (!split) throw notFound('Split', input.splitId);
  await requireArchitecture(ctx, input.architectureKey, 'input.architectureKey');
  if (!input.subsetIds?.length === !input.seeds?.length)
    throw badInput('input.subsetIds', input.subsetIds, 'give either subsetIds or seeds');
  if (input.origin === 'INDEPENDENT' && input.cycles !== 1)
    throw badInput('input.cycles', input.cycles, 'must be 1 for INDEPENDENT teachers');
  const subsets = input.subsetIds
    ? await ctx.deps.prisma.subset.findMany({
        where: { id: { in: input.subsetIds }, splitId: split.id },
        omit: { members: true },
      })
    : [];
  if (input.subsetIds && subsets.length !== new Set(input.subsetIds).size)
    throw badInput('input.subsetIds', input.subsetIds, 'every subset must exist and belong to the split');
  const plan = input.subsetIds
    ? subsets.map((s) => ({ subsetId: s.id as string | null, fraction: s.fraction, seed: s.seed }))
    : input.seeds!.map((seed) => ({ subsetId: null as string | null, fraction: 1, seed }));
  const projectId = split.dataset.projectId;
  const expId = await experimentIn(ctx, input.experimentId, projectId, 'input.experimentId');
  const training = resolveTraining(input.training);
  return audited(
    ctx,
    { operation: 'trainTeachers', targetType: 'Split', args: input, projectId, targetId: split.id },
    async (tx) => {
      const runs = [];
      for (const p of plan) {
        const run = await tx.run.create({
          data: {
            projectId,
            kind: 'TEACHER',
            name: `teacher ${input.architectureKey} p=${p.fraction} seed=${p.seed}`,
            seed: p.seed,
            params: {
              architectureKey: input.architectureKey,
              fraction: p.fraction,
              origin: input.origin,
              cycles: input.cycles,
              epochs: input.epochs ?? null,
              training,
            },
            tags: input.tags ?? [],
            datasetId: split.datasetId,
            splitId: split.id,
            architectureKey: input.architectureKey,
            createdById: ctx.actor.userId,
            experimentId: expId,
          },
        });
        const teacher = await tx.teacher.create({
          data: {
            runId: run.id,
            subsetId: p.subsetId,
            architectureKey: input.architectureKey,
            fraction: p.fraction,
            origin: input.origin,
          },
        });
        await enqueueRunJob(ctx, tx, 'train-teacher', {
          runId: run.id,
          projectId,
          teacherId: teacher.id,
          subsetId: p.subsetId,
          splitId: split.id,
          architectureKey: input.architectureKey,
          seed: p.seed,
          origin: input.origin,
          cycles: input.cycles,
          epochs: input.epochs ?? null,
          ...training,
        });
        runs.push(run);
      }
      return runs;
    },
  );
}
