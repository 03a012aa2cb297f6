import { randomUUID } from 'node:crypto';

import {
  distillModeSchema,
  FUSION_RULES,
  fusionRuleSchema,
  teacherOriginSchema,
  temperatureModeSchema,
  tieConventionSchema,
} from '@distillery/domain';
import type { TrainingOptions } from '@distillery/domain';
import { badInput, notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseDistinctIds } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { getSplit } from '../data/data.service.ts';
import { checkpointTeachers, checkTestPredictions, checkWeights } from './member-checks.ts';
import { enqueueRunJob } from './run-jobs.ts';
import { resolveTraining, trainingInputSchema } from './training-options.ts';

const tags = z.array(z.string().trim().min(1).max(100)).max(50).nullish();
const experimentId = z.uuid().nullish();
/** Fusion rules the runner knows (@distillery/domain's list), shared with launchExperiment. */
export const fusionRules = z.array(fusionRuleSchema).min(1).max(FUSION_RULES.length);

/** The experiment id when it exists in `projectId`, else a typed error on `field`; null passes through. */
async function experimentIn(
  ctx: Context,
  id: string | null | undefined,
  projectId: string,
  field: string,
): Promise<string | null> {
  if (!id) return null;
  const e = await ctx.deps.prisma.experiment.findUnique({ where: { id } });
  if (!e) throw notFound('Experiment', id);
  if (e.projectId !== projectId) throw badInput(field, id, 'the experiment belongs to another project');
  return e.id;
}
const epochs = z.number().int().min(1).max(10_000).nullish();

async function requireArchitecture(ctx: Context, key: string, field: string): Promise<void> {
  const a = await ctx.deps.prisma.architecture.findUnique({ where: { key } });
  if (!a) throw badInput(field, key, 'is not a registered architecture (see the architectures query)');
}

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

/** One TEACHER run (+ Teacher) per subset or per seed, each with its train-teacher job, in one transaction. */
export async function trainTeachers(ctx: Context, raw: unknown) {
  const input = parseInput(teachersSchema, raw, 'input');
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

/** Teachers by id, all in one project and one split; returns them in the given order. */
async function loadTeachers(ctx: Context, ids: string[], field: string) {
  const rows = await ctx.deps.prisma.teacher.findMany({
    where: { id: { in: ids } },
    include: { run: { select: { projectId: true, splitId: true, datasetId: true, status: true } } },
  });
  const byId = new Map(rows.map((t) => [t.id, t]));
  const teachers = ids.map((id, i) => {
    const t = byId.get(id);
    if (!t) throw notFound(`Teacher (${field}[${i}])`, id);
    return t;
  });
  const projectId = teachers[0]!.run.projectId;
  if (teachers.some((t) => t.run.projectId !== projectId))
    throw badInput(field, ids, 'all teachers must belong to one project');
  const splitId = teachers[0]!.run.splitId;
  if (teachers.some((t) => t.run.splitId !== splitId))
    throw badInput(field, ids, 'all teachers must be trained on one split');
  await requireRole(ctx, projectId, 'MEMBER');
  return { teachers, projectId, splitId, datasetId: teachers[0]!.run.datasetId };
}

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

/** An Ensemble + ENSEMBLE_EVAL run and its evaluate-ensemble job (waiting for unfinished teachers). */
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
  const { teachers, projectId, splitId, datasetId } = await loadTeachers(
    ctx,
    [...new Set(teacherIds)],
    'input.teacherIds',
  );
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
 * checkpoints (e.g. every snapshot of one run), with its distill-student job.
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
  const loaded = await loadTeachers(ctx, [...new Set(memberIds)], field);
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

/** Shared by distillStudent and launchExperiment. */
export async function createStudentRun(
  ctx: Context,
  tx: Parameters<Parameters<typeof audited>[2]>[0],
  o: Omit<z.infer<typeof studentSchema>, 'teacherIds' | 'checkpointIds' | 'training'> & {
    projectId: string;
    splitId: string | null;
    datasetId: string | null;
    /** One per member, in head order (a teacher repeats when several of its checkpoints are members). */
    teachers: { id: string; runId: string; fraction: number; run: { status: string } }[];
    /** Member i's checkpoint, or null/absent for teacher i's FINAL weights. */
    checkpointIds?: readonly (string | null)[] | null;
    training: TrainingOptions;
    experimentId: string | null;
    dependsOn?: string[];
  },
) {
  const run = await tx.run.create({
    data: {
      projectId: o.projectId,
      kind: 'STUDENT',
      name: `student ${o.architectureKey} ${o.mode} α=${o.alpha} N=${o.teachers.length}`,
      seed: o.seed,
      params: {
        mode: o.mode,
        alpha: o.alpha,
        temperature: o.temperature,
        temperatureMode: o.temperatureMode,
        architectureKey: o.architectureKey,
        teachers: o.teachers.length,
        fraction: o.teachers[0]?.fraction ?? null,
        epochs: o.epochs ?? null,
        checkpoints: o.checkpointIds?.filter(Boolean).length ?? 0,
        training: o.training,
      },
      tags: o.tags ?? [],
      splitId: o.splitId,
      datasetId: o.datasetId,
      architectureKey: o.architectureKey,
      experimentId: o.experimentId,
      parentRunId: o.teachers[0]?.runId ?? null,
      createdById: ctx.actor.userId,
    },
  });
  const student = await tx.student.create({
    data: {
      runId: run.id,
      mode: o.mode,
      alpha: o.alpha,
      temperature: o.temperature,
      temperatureMode: o.temperatureMode,
      architectureKey: o.architectureKey,
      teacherFraction: o.teachers[0]?.fraction ?? null,
    },
  });
  await tx.studentTeacher.createMany({
    data: o.teachers.map((t, position) => ({
      studentId: student.id,
      position,
      teacherId: t.id,
      checkpointId: o.checkpointIds?.[position] ?? null,
    })),
  });
  await enqueueRunJob(ctx, tx, 'distill-student', {
    runId: run.id,
    projectId: o.projectId,
    studentId: student.id,
    teacherIds: o.teachers.map((t) => t.id),
    ...(o.checkpointIds?.some(Boolean) ? { checkpointIds: [...o.checkpointIds] } : {}),
    mode: o.mode,
    alpha: o.alpha,
    temperature: o.temperature,
    temperatureMode: o.temperatureMode,
    architectureKey: o.architectureKey,
    seed: o.seed,
    dependsOnRunIds: o.dependsOn ?? [
      ...new Set(o.teachers.filter((t) => t.run.status !== 'SUCCEEDED').map((t) => t.runId)),
    ],
    ...o.training,
  });
  return run;
}

const baselineSchema = z.object({
  splitId: z.uuid(),
  architectureKey: z.string().min(1).max(100),
  seed: z.number().int(),
  epochs,
  training: trainingInputSchema,
  tags,
  experimentId,
});

/** A BASELINE run (the student architecture without distillation) and its train-baseline job. */
export async function trainBaseline(ctx: Context, raw: unknown) {
  const input = parseInput(baselineSchema, raw, 'input');
  const split = await getSplit(ctx, input.splitId, 'MEMBER', 'input.splitId');
  if (!split) throw notFound('Split', input.splitId);
  await requireArchitecture(ctx, input.architectureKey, 'input.architectureKey');
  const projectId = split.dataset.projectId;
  const expId = await experimentIn(ctx, input.experimentId, projectId, 'input.experimentId');
  const training = resolveTraining(input.training);
  return audited(
    ctx,
    { operation: 'trainBaseline', targetType: 'Run', args: input, projectId },
    async (tx, scope) => {
      const run = await tx.run.create({
        data: {
          projectId,
          kind: 'BASELINE',
          name: `baseline ${input.architectureKey} seed=${input.seed}`,
          seed: input.seed,
          params: { architectureKey: input.architectureKey, epochs: input.epochs ?? null, training },
          tags: input.tags ?? [],
          datasetId: split.datasetId,
          splitId: split.id,
          architectureKey: input.architectureKey,
          createdById: ctx.actor.userId,
          experimentId: expId,
        },
      });
      await enqueueRunJob(ctx, tx, 'train-baseline', {
        runId: run.id,
        projectId,
        splitId: split.id,
        architectureKey: input.architectureKey,
        seed: input.seed,
        epochs: input.epochs ?? null,
        ...training,
      });
      scope.targetId = run.id;
      return run;
    },
  );
}

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

/** A fresh id (exported so the grid builder can link records before inserting them). */
export const newId = (): string => randomUUID();
