import {
  cyclicPlan,
  DISTILL_MODES,
  distillModeSchema,
  drawSubset,
  gridSize,
  indicesOfRole,
  indicesToBytes,
  MAX_GRID_RUNS,
  teacherOriginSchema,
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
  teacherOrigin: teacherOriginSchema.default('INDEPENDENT'),
  cycles: z.number().int().min(1).max(100).nullish(),
});

/**
 * The method's experiment driver in one transaction: per repetition r and fraction p, max(N) subsets and
 * teachers; per N a mean-rule ensemble of the first N teachers and per (mode, α) a student of them;
 * per r a baseline; one EXPERIMENT run whose experiment-plan job tracks the rest. Dependent jobs carry
 * `dependsOnRunIds` so the runner starts them only after their teachers succeed (MEMBER).
 *
 * Teacher origin SNAPSHOT/FGE: per (r, p) ONE teacher run on one subset (the draw independent teacher 0
 * gets) with a cyclic schedule of C = cycles checkpoints, and the members of N are its checkpoints
 * 0..N-1, named at launch (the rows are reserved now; the run fills them as its cycles end), so
 * students carry `checkpointIds` and their lineage points at the checkpoints from the start. Cost is
 * matched in optimizer steps: an independent teacher trains E epochs (`epochs`, else the teacher
 * architecture's), the cyclic run C·E epochs with the same steps per epoch (same subset size, batch
 * and epoch budget). SNAPSHOT checkpoint k ends after (k+1)·E epochs, so N members cost exactly N
 * independent teachers' N·E epochs. FGE spends the first C·E/2 epochs before its cycles of E/2, so
 * costs agree at N = C, and a smaller N's members cost about (C+N)·E/2 epochs, more than N·E. Cyclic
 * runs never stop early, independent teachers may, so the independent side costs at most N·E.
 * Students, ensembles and baselines are the same in both grids.
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
  const archs = [];
  for (const [field, key] of [
    ['input.teacherArchitecture', input.teacherArchitecture],
    ['input.studentArchitecture', input.studentArchitecture],
  ] as const) {
    const arch = await ctx.deps.prisma.architecture.findUnique({ where: { key } });
    if (!arch) throw badInput(field, key, 'is not a registered architecture');
    archs.push(arch);
  }
  const projectId = split.dataset.projectId;
  const train = indicesOfRole(split.assignment, 'TRAIN');
  const maxN = Math.max(...input.teacherCounts);
  const cyclic = cyclicTeacher(input, maxN, (archs[0]!.trainingParams as { epochs?: unknown }).epochs);
  checkSubsetBytes(
    'input.fractions',
    subsetBytes(
      train.length,
      input.fractions.filter((p) => p < 1),
      (cyclic ? 1 : maxN) * input.repetitions,
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
          const members: Member[] = [];
          for (let t = 0; t < (cyclic ? 1 : maxN); t++) {
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
                  origin: input.teacherOrigin,
                  cycles: cyclic?.cycles ?? 1,
                  epochs: cyclic?.runEpochs ?? input.epochs ?? null,
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
                origin: input.teacherOrigin,
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
              origin: input.teacherOrigin,
              cycles: cyclic?.cycles ?? 1,
              epochs: cyclic?.runEpochs ?? input.epochs ?? null,
              ...training,
            });
            const queued = { ...teacher, run: { status: 'QUEUED' } };
            runIds.push(run.id);
            if (!cyclic) members.push({ teacher: queued, checkpointId: null });
            // The rows the run's snapshots fill (the runner upserts by run, kind and epoch).
            for (const [cycle, epoch] of (cyclic?.checkpointEpochs ?? []).entries()) {
              const cp = await tx.checkpoint.create({
                data: { runId: run.id, teacherId: teacher.id, kind: cyclic!.kind, epoch, step: 0, cycle },
                select: { id: true },
              });
              members.push({ teacher: queued, checkpointId: cp.id });
            }
          }
          for (const n of input.teacherCounts) {
            const first = members.slice(0, n);
            const dependsOn = [...new Set(first.map((m) => m.teacher.runId))];
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
              data: first.map((m, position) => ({
                ensembleId: ens.id,
                position,
                teacherId: m.teacher.id,
                checkpointId: m.checkpointId,
              })),
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
                  teachers: first.map((m) => m.teacher),
                  checkpointIds: first.map((m) => m.checkpointId),
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

/** Member i of an (r, p) cell's ensembles and students: a teacher's FINAL weights or one of its checkpoints. */
interface Member {
  teacher: { id: string; runId: string; fraction: number; run: { status: string } };
  checkpointId: string | null;
}

/**
 * The cyclic teacher of a SNAPSHOT/FGE grid (null for INDEPENDENT): C = cycles (default max N) must
 * cover every N, and the run's epochs and checkpoint epochs follow from E (see cyclicPlan).
 */
function cyclicTeacher(input: z.infer<typeof experimentSchema>, maxN: number, archEpochs: unknown) {
  const origin = input.teacherOrigin;
  if (origin === 'INDEPENDENT') {
    if ((input.cycles ?? 1) !== 1)
      throw badInput('input.cycles', input.cycles, 'must be 1 or absent for INDEPENDENT teachers');
    return null;
  }
  const cycles = input.cycles ?? maxN;
  if (maxN > cycles)
    throw badInput(
      'input.teacherCounts',
      input.teacherCounts,
      `N = ${maxN} needs ${maxN} checkpoints, but the ${origin} schedule has ${cycles} cycles (one checkpoint each)`,
    );
  const perTeacher = input.epochs ?? (typeof archEpochs === 'number' ? archEpochs : 1);
  const plan = cyclicPlan(origin, cycles, perTeacher, 'input.epochs');
  return { kind: origin, cycles, ...plan };
}

/** A subset's stored members and size. */
function membersOf(indices: Uint32Array) {
  return { members: indicesToBytes(indices), size: indices.length };
}
