import { distillModeSchema, temperatureModeSchema } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { parseDistinctIds } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { requireRole } from '../auth/roles.ts';
import { experimentIn } from '../experiment/resolve-experiment.ts';
import { epochs, experimentId, requireArchitecture, tags } from '../run/launch-fields.ts';
import { trainingInputSchema, resolveTraining } from '../run/training-options.ts';
import { checkpointTeachers } from '../teacher/checkpoint-teachers.ts';
import { loadTeachers } from '../teacher/load-teachers.ts';
import { createStudentRun } from './create-student-run.ts';

const studentSchema = z.object({
  teacherIds: z.array(z.uuid()).min(1).max(1000).nullish(),
  checkpointIds: z.array(z.uuid()).min(1).max(1000).nullish(),
  mode: distillModeSchema,
  alpha: z.number().min(0).max(1),
  temperature: z.number().gt(0).max(1000),
  temperatureMode: temperatureModeSchema,
  architectureKey: z.string().min(1).max(100),
  seed: z.number().int(),
  epochs,
  training: trainingInputSchema,
  tags,
  experimentId,
});

/**
 * A STUDENT run + Student distilled from the given teachers (their FINAL weights) or teacher
 * checkpoints (e.g. every snapshot of one run), with its distill-student job (MEMBER).
 */
export async function distillStudent(ctx: Context, raw: unknown) {
  const input = parseInput(studentSchema, raw, 'input');
  if (!input.teacherIds?.length === !input.checkpointIds?.length)
    throw badInput('input.teacherIds', input.teacherIds, 'give either teacherIds or checkpointIds');
  const field = input.checkpointIds ? 'input.checkpointIds' : 'input.teacherIds';
  const checkpointIds = input.checkpointIds ? parseDistinctIds(field, input.checkpointIds) : null;
  const memberIds = checkpointIds
    ? await checkpointTeachers(ctx, checkpointIds, field, true)
    : parseDistinctIds(field, input.teacherIds!);
  // The members name the project; the role check comes as soon as it is known.
  const loaded = await loadTeachers(ctx, [...new Set(memberIds)], field);
  await requireRole(ctx, loaded.projectId, 'MEMBER');
  const { projectId, splitId, datasetId } = loaded;
  const byId = new Map(loaded.teachers.map((t) => [t.id, t]));
  const teachers = memberIds.map((id) => byId.get(id)!);
  await requireArchitecture(ctx, input.architectureKey, 'input.architectureKey');
  const expId = await experimentIn(ctx, input.experimentId, projectId, 'input.experimentId');
  return audited(
    ctx,
    { operation: 'distillStudent', targetType: 'Run', args: input, projectId },
    async (tx, scope) => {
      const run = await createStudentRun(ctx, tx, {
        ...input,
        projectId,
        splitId,
        datasetId,
        teachers,
        checkpointIds,
        training: resolveTraining(input.training),
        experimentId: expId,
        // Named checkpoints exist already; only FINAL weights of unfinished teachers are waited for.
        ...(checkpointIds ? { dependsOn: [] } : {}),
      });
      scope.targetId = run.id;
      return run;
    },
  );
}
