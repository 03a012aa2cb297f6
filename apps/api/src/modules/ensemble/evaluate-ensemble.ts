import { tieConventionSchema } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { parseDistinctIds } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { requireRole } from '../auth/roles.ts';
import { experimentIn } from '../experiment/resolve-experiment.ts';
import { experimentId, fusionRules, tags } from '../run/launch-fields.ts';
import { enqueueRunJob } from '../run/run-jobs.ts';
import { checkpointTeachers } from '../teacher/checkpoint-teachers.ts';
import { loadTeachers } from '../teacher/load-teachers.ts';
import { checkTestPredictions, checkWeights } from './check-members.ts';

const ensembleSchema = z.object({
  name: z.string().trim().min(1).max(200),
  teacherIds: z.array(z.uuid()).max(1000).nullish(),
  checkpointIds: z.array(z.uuid()).max(1000).nullish(),
  rules: fusionRules,
  weights: z.array(z.number().min(0).max(1e6)).nullish(),
  ties: tieConventionSchema.default('PRINCIPLED'),
  tags,
  experimentId,
});

/** An Ensemble + ENSEMBLE_EVAL run and its evaluate-ensemble job, waiting for unfinished teachers (MEMBER). */
export async function evaluateEnsemble(ctx: Context, raw: unknown) {
  const input = parseInput(ensembleSchema, raw, 'input');
  if (!input.teacherIds?.length === !input.checkpointIds?.length)
    throw badInput('input.teacherIds', input.teacherIds, 'give either teacherIds or checkpointIds');
  let teacherIds = input.teacherIds ? parseDistinctIds('input.teacherIds', input.teacherIds) : [];
  let checkpointIds: (string | null)[] = teacherIds.map(() => null);
  if (input.checkpointIds) {
    const ids = parseDistinctIds('input.checkpointIds', input.checkpointIds);
    teacherIds = await checkpointTeachers(ctx, ids, 'input.checkpointIds', false);
    checkpointIds = ids;
  }
  const n = checkpointIds.length;
  if (input.weights && input.weights.length !== n)
    throw badInput('input.weights', input.weights, `needs one weight per member (${n})`);
  checkWeights(input.weights);
  // The members name the project; the role check comes as soon as it is known.
  const members = await loadTeachers(ctx, [...new Set(teacherIds)], 'input.teacherIds');
  await requireRole(ctx, members.projectId, 'MEMBER');
  const { teachers, projectId, splitId, datasetId } = members;
  if (!splitId || !datasetId) throw badInput('input.teacherIds', teacherIds, 'teachers must have a split');
  const byId = new Map(teachers.map((t) => [t.id, t]));
  await checkTestPredictions(
    ctx,
    teacherIds.map((teacherId, i) => ({
      teacherId,
      checkpointId: checkpointIds[i] ?? null,
      status: byId.get(teacherId)!.run.status,
    })),
    input.checkpointIds ? 'input.checkpointIds' : 'input.teacherIds',
  );
  const expId = await experimentIn(ctx, input.experimentId, projectId, 'input.experimentId');
  return audited(
    ctx,
    { operation: 'evaluateEnsemble', targetType: 'Ensemble', args: input, projectId },
    async (tx, scope) => {
      const run = await tx.run.create({
        data: {
          projectId,
          kind: 'ENSEMBLE_EVAL',
          name: `ensemble ${input.name}`,
          params: { rules: input.rules, members: n, ties: input.ties },
          tags: input.tags ?? [],
          datasetId,
          splitId,
          createdById: ctx.actor.userId,
          experimentId: expId,
        },
      });
      const ensemble = await tx.ensemble.create({
        data: {
          projectId,
          datasetId,
          splitId,
          runId: run.id,
          name: input.name,
          rules: input.rules,
          ties: input.ties,
        },
      });
      await tx.ensembleMember.createMany({
        data: teacherIds.map((teacherId, position) => ({
          ensembleId: ensemble.id,
          position,
          teacherId,
          checkpointId: checkpointIds[position] ?? null,
          weight: input.weights?.[position] ?? null,
        })),
      });
      const dependsOnRunIds = [...new Set(teacherIds.map((id) => byId.get(id)!))]
        .filter((t) => t.run.status !== 'SUCCEEDED')
        .map((t) => t.runId);
      await enqueueRunJob(ctx, tx, 'evaluate-ensemble', {
        runId: run.id,
        projectId,
        ensembleId: ensemble.id,
        rules: input.rules,
        dependsOnRunIds,
      });
      scope.targetId = ensemble.id;
      return ensemble;
    },
  );
}
