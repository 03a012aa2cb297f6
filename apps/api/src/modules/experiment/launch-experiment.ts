import {
  DISTILL_MODES,
  distillModeSchema,
  drawSubset,
  gridSize,
  indicesOfRole,
  indicesToBytes,
  MAX_GRID_RUNS,
  temperatureModeSchema,
  tieConventionSchema,
} from '@distillery/domain';
import { badInput, notFound } from '@distillery/errors';
import { z } from 'zod';

import type { Context } from '../../context.ts';
import { checkSubsetBytes, subsetBytes } from '../../limits/sizes.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { getSplit } from '../data/data.service.ts';
import { fusionRules } from '../run/launch-fields.ts';
import { enqueueRunJob } from '../run/run-jobs.ts';
import { resolveTraining, trainingInputSchema } from '../run/training-options.ts';
import { createStudentRun } from '../student/create-student-run.ts';

const experimentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  splitId: z.uuid(),
  teacherArchitecture: z.string().min(1).max(100),
  studentArchitecture: z.string().min(1).max(100),
  teacherCounts: z.array(z.number().int().min(1).max(100)).min(1).max(20),
  fractions: z.array(z.number().gt(0).max(1)).min(1).max(20),
  modes: z.array(distillModeSchema).min(1).max(DISTILL_MODES.length),
  alphas: z.array(z.number().min(0).max(1)).min(1).max(20),
  repetitions: z.number().int().min(1).max(100),
  temperature: z.number().gt(0).max(1000),
  temperatureMode: temperatureModeSchema,
  rules: fusionRules,
  ties: tieConventionSchema.default('PRINCIPLED'),
  includeBaselines: z.boolean(),
  epochs: z.number().int().min(1).max(10_000).nullish(),
  training: trainingInputSchema,
});

/**
 * The method's experiment driver in one transaction: per repetition r and fraction p, max(N) subsets and
 * teachers; per N a mean-rule ensemble of the first N teachers and per (mode, α) a student of them;
 * per r a baseline; one EXPERIMENT run whose experiment-plan job tracks the rest. Dependent jobs carry
 * `dependsOnRunIds` so the runner starts them only after their teachers succeed (MEMBER).
 */
export async function launchExperiment(ctx: Context, raw: unknown) {
  const input = parseInput(experimentSchema, raw, 'input');
  const total = gridSize(input);
  if (total > MAX_GRID_RUNS)
    throw badInput(
      'input',
      `${total} runs`,
      `the grid is too large (at most ${MAX_GRID_RUNS} runs per launch)`,
    );
  // Role check: MEMBER of the split's project (getSplit refuses anyone else).
  const split = await getSplit(ctx, input.splitId, 'MEMBER', 'input.splitId');
  if (!split) throw notFound('Split', input.splitId);
  for (const [field, key] of [
    ['input.teacherArchitecture', input.teacherArchitecture],
    ['input.studentArchitecture', input.studentArchitecture],
  ] as const) {
    if (!(await ctx.deps.prisma.architecture.findUnique({ where: { key } })))
      throw badInput(field, key, 'is not a registered architecture');
  }
  const projectId = split.dataset.projectId;
  const train = indicesOfRole(split.assignment, 'TRAIN');
  const maxN = Math.max(...input.teacherCounts);
  checkSubsetBytes(
    'input.fractions',
    subsetBytes(
      train.length,
      input.fractions.filter((p) => p < 1),
      maxN * input.repetitions,
    ),
  );
  const common = { projectId, datasetId: split.datasetId, splitId: split.id, createdById: ctx.actor.userId };
  const training = resolveTraining(input.training);
  return audited(
    ctx,
    { operation: 'launchExperiment', targetType: 'Experiment', args: input, projectId },
    async (tx, scope) => {
      const experiment = await tx.experiment.create({
        data: { projectId, name: input.name, plan: { ...input, training, totalRuns: total } },
      });
      scope.targetId = experiment.id;
      const tag = `exp:${experiment.id.slice(0, 8)}`;
      const runIds: string[] = [];
      for (let rep = 0; rep < input.repetitions; rep++) {
        for (const p of input.fractions) {
          const teachers = [];
          for (let t = 0; t < maxN; t++) {
            const seed = rep * 1000 + t;
            const subset =
              p < 1
                ? await tx.subset.create({
                    data: {
                      splitId: split.id,
                      fraction: p,
                      seed,
                      method: 'BERNOULLI',
                      ...membersOf(drawSubset(train, { fraction: p, seed, method: 'BERNOULLI' })),
                    },
                    select: { id: true },
                  })
                : null;
            const run = await tx.run.create({
              data: {
                ...common,
                kind: 'TEACHER',
                name: `r${rep} p=${p} teacher ${t}`,
                seed,
                experimentId: experiment.id,
                architectureKey: input.teacherArchitecture,
                tags: [tag, `rep:${rep}`],
                params: {
                  architectureKey: input.teacherArchitecture,
                  fraction: p,
                  repetition: rep,
                  index: t,
                  epochs: input.epochs ?? null,
                  training,
                },
              },
            });
            const teacher = await tx.teacher.create({
              data: {
                runId: run.id,
                subsetId: subset?.id ?? null,
                architectureKey: input.teacherArchitecture,
                fraction: p,
              },
            });
            await enqueueRunJob(ctx, tx, 'train-teacher', {
              runId: run.id,
              projectId,
              teacherId: teacher.id,
              subsetId: subset?.id ?? null,
              splitId: split.id,
              architectureKey: input.teacherArchitecture,
              seed,
              origin: 'INDEPENDENT',
              cycles: 1,
              epochs: input.epochs ?? null,
              ...training,
            });
            teachers.push({ ...teacher, run: { status: 'QUEUED' } });
            runIds.push(run.id);
          }
          for (const n of input.teacherCounts) {
            const members = teachers.slice(0, n);
            const dependsOn = members.map((t) => t.runId);
            const evalRun = await tx.run.create({
              data: {
                ...common,
                kind: 'ENSEMBLE_EVAL',
                name: `r${rep} p=${p} ensemble N=${n}`,
                experimentId: experiment.id,
                tags: [tag, `rep:${rep}`],
                params: { rules: input.rules, members: n, fraction: p, repetition: rep, ties: input.ties },
              },
            });
            const ens = await tx.ensemble.create({
              data: {
                projectId,
                datasetId: split.datasetId,
                splitId: split.id,
                runId: evalRun.id,
                name: `${input.name} r${rep} p=${p} N=${n}`,
                rules: input.rules,
                ties: input.ties,
              },
            });
            await tx.ensembleMember.createMany({
              data: members.map((t, position) => ({ ensembleId: ens.id, position, teacherId: t.id })),
            });
            await enqueueRunJob(ctx, tx, 'evaluate-ensemble', {
              runId: evalRun.id,
              projectId,
              ensembleId: ens.id,
              rules: input.rules,
              dependsOnRunIds: dependsOn,
            });
            runIds.push(evalRun.id);
            for (const mode of input.modes) {
              for (const alpha of input.alphas) {
                const run = await createStudentRun(ctx, tx, {
                  ...common,
                  teachers: members,
                  mode,
                  alpha,
                  temperature: input.temperature,
                  temperatureMode: input.temperatureMode,
                  architectureKey: input.studentArchitecture,
                  seed: rep,
                  epochs: input.epochs,
                  training,
                  tags: [tag, `rep:${rep}`],
                  experimentId: experiment.id,
                  dependsOn,
                });
                runIds.push(run.id);
              }
            }
          }
        }
        if (input.includeBaselines) {
          const run = await tx.run.create({
            data: {
              ...common,
              kind: 'BASELINE',
              name: `r${rep} baseline`,
              seed: rep,
              experimentId: experiment.id,
              architectureKey: input.studentArchitecture,
              tags: [tag, `rep:${rep}`],
              params: {
                architectureKey: input.studentArchitecture,
                repetition: rep,
                epochs: input.epochs ?? null,
                training,
              },
            },
          });
          await enqueueRunJob(ctx, tx, 'train-baseline', {
            runId: run.id,
            projectId,
            splitId: split.id,
            architectureKey: input.studentArchitecture,
            seed: rep,
            epochs: input.epochs ?? null,
            ...training,
          });
          runIds.push(run.id);
        }
      }
      const planRun = await tx.run.create({
        data: {
          ...common,
          kind: 'EXPERIMENT',
          name: `experiment ${input.name}`,
          experimentId: experiment.id,
          tags: [tag],
          params: { totalRuns: total },
        },
      });
      await enqueueRunJob(ctx, tx, 'experiment-plan', {
        runId: planRun.id,
        projectId,
        experimentId: experiment.id,
        runIds,
      });
      return { experiment, runCount: runIds.length + 1, jobCount: runIds.length + 1 };
    },
  );
}

/** A subset's stored members and size. */
function membersOf(indices: Uint32Array) {
  return { members: indicesToBytes(indices), size: indices.length };
}
