import type { DistillMode, TemperatureMode, TrainingOptions } from '@distillery/domain';

import type { Context } from '../../context.ts';
import type { Tx } from '../run/run.service.ts';
import { enqueueRunJob } from '../run/run-jobs.ts';

/** What a student run is made of, as distillStudent and launchExperiment give it. */
export interface StudentRunPlan {
  mode: DistillMode;
  alpha: number;
  temperature: number;
  temperatureMode: TemperatureMode;
  architectureKey: string;
  seed: number;
  epochs?: number | null;
  tags?: string[] | null;
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
}

/** A STUDENT run + Student + members and its distill-student job, in the caller's transaction. */
export async function createStudentRun(ctx: Context, tx: Tx, o: StudentRunPlan) {
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
