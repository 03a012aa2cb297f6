// The `predict` mutation: a PREDICT run, and its job, for a trained model's FINAL checkpoint on a
// split role of a dataset with the model's class order and image shape.
import { parseModelReference, versionWhere } from '@distillery/db/models';
import { badInput, notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { enqueueRunJob } from '../run/run-jobs.ts';

const predictSchema = z.object({
  runId: z.string().nullish(),
  modelReference: z.string().max(200).nullish(),
  projectId: z.string().nullish(),
  splitId: z.string(),
  splitRole: z.enum(['TRAIN', 'VAL', 'TEST']),
  tags: z.array(z.string().min(1).max(100)).max(50).nullish(),
});

/** The source run of a prediction: given directly, or the run of a student model version. */
async function sourceRunId(ctx: Context, input: z.infer<typeof predictSchema>): Promise<string> {
  if (!!input.runId === !!input.modelReference)
    throw badInput('input.runId', input.runId ?? null, 'give exactly one of runId and modelReference');
  if (input.runId) return parseId('input.runId', input.runId);
  const projectId = parseId('input.projectId', input.projectId ?? '');
  await requireRole(ctx, projectId, 'VIEWER');
  const sel = parseModelReference(input.modelReference!, 'input.modelReference');
  const version = await ctx.deps.prisma.modelVersion.findFirst({ where: versionWhere(projectId, sel) });
  if (!version) throw notFound('ModelVersion', input.modelReference!);
  if (!version.studentId)
    throw badInput(
      'input.modelReference',
      input.modelReference,
      'ensemble versions are evaluated by their ensemble',
    );
  return version.runId;
}

/** Queue batch prediction of a model on a split role (MEMBER). */
export async function predict(ctx: Context, raw: unknown) {
  const input = parseInput(predictSchema, raw, 'input');
  const { prisma } = ctx.deps;
  const runId = await sourceRunId(ctx, input);
  const source = await prisma.run.findUnique({ where: { id: runId }, include: { dataset: true } });
  if (!source || source.deletedAt) throw notFound('Run', runId);
  await requireRole(ctx, source.projectId, 'MEMBER');
  if (!['TEACHER', 'BASELINE', 'STUDENT'].includes(source.kind) || source.status !== 'SUCCEEDED')
    throw badInput(
      'input.runId',
      runId,
      `must be a SUCCEEDED teacher, baseline or student run (it is a ${source.status} ${source.kind})`,
    );
  const checkpoint = await prisma.checkpoint.findFirst({
    where: { runId, kind: 'FINAL', artifactId: { not: null } },
    orderBy: { epoch: 'desc' },
  });
  if (!checkpoint) throw badInput('input.runId', runId, 'the run has no stored final weights');
  const splitId = parseId('input.splitId', input.splitId);
  const split = await prisma.split.findUnique({
    where: { id: splitId },
    omit: { assignment: true },
    include: { dataset: true },
  });
  if (!split || split.dataset.projectId !== source.projectId) throw notFound('Split', splitId);
  const [from, to] = [source.dataset, split.dataset];
  if (
    !from ||
    from.classNames.join('\u0000') !== to.classNames.join('\u0000') ||
    [from.height, from.width, from.channels].join('x') !== [to.height, to.width, to.channels].join('x')
  )
    throw badInput(
      'input.splitId',
      splitId,
      `its dataset ${to.name} must have the model's class names and image shape`,
    );
  const count = { TRAIN: split.trainCount, VAL: split.valCount, TEST: split.testCount }[input.splitRole];
  if (count === 0) throw badInput('input.splitRole', input.splitRole, 'the split has no sample in that role');
  return audited(
    ctx,
    { operation: 'predict', targetType: 'Run', args: input, projectId: source.projectId },
    async (tx, scope) => {
      const run = await tx.run.create({
        data: {
          projectId: source.projectId,
          kind: 'PREDICT',
          name: `predict ${source.name} on ${to.name} ${input.splitRole.toLowerCase()}`,
          params: { sourceRunId: runId, checkpointId: checkpoint.id, splitRole: input.splitRole },
          tags: input.tags ?? [],
          splitId,
          datasetId: to.id,
          architectureKey: source.architectureKey,
          parentRunId: runId,
          createdById: ctx.actor.userId,
        },
      });
      scope.targetId = run.id;
      await enqueueRunJob(ctx, tx, 'predict', {
        runId: run.id,
        projectId: source.projectId,
        checkpointId: checkpoint.id,
        splitId,
        splitRole: input.splitRole,
      });
      return run;
    },
  );
}
