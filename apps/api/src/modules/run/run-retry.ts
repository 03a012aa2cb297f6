import type { Run } from '@distillery/db';
import {
  JOB_KINDS,
  jobPayloadSchemas,
  type FusionRule,
  type JobKind,
  type JobPayloadInput,
} from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { audited } from '../audit/audited.ts';
import { loadRun } from './run-access.ts';
import { enqueueRunJob } from './run-jobs.ts';
import type { Tx } from './run.service.ts';

/** Re-enqueue a FAILED or CANCELLED run with the job its records describe (MEMBER). */
export async function retryRun(ctx: Context, runIdRaw: string) {
  const run = await loadRun(ctx, runIdRaw, 'MEMBER');
  return audited(
    ctx,
    {
      operation: 'retryRun',
      targetType: 'Run',
      args: { runId: run.id },
      projectId: run.projectId,
      targetId: run.id,
    },
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM "Run" WHERE id = $1::uuid FOR UPDATE`, run.id);
      const current = (await tx.run.findUnique({ where: { id: run.id } }))!;
      if (current.status !== 'FAILED' && current.status !== 'CANCELLED') {
        throw new AppError(
          AppErrorCode.CONFLICT,
          `run ${run.id} is ${current.status}; only FAILED or CANCELLED runs can be retried`,
          { field: 'runId' },
        );
      }
      if (current.deletedAt)
        throw new AppError(AppErrorCode.CONFLICT, `run ${run.id} is deleted`, { field: 'runId' });
      const updated = await tx.run.update({
        where: { id: run.id },
        data: { status: 'QUEUED', failureReason: null, finishedAt: null, runnerId: null },
      });
      const stored = storedJob(current.job);
      if (stored) await enqueueRunJob(ctx, tx, stored.kind, stored.payload);
      else await enqueueFor(ctx, tx, current);
      return updated;
    },
  );
}

/** The job a launch recorded on the run, when it is one this API can enqueue (the kind's schema parses it). */
function storedJob(job: unknown): { kind: JobKind; payload: JobPayloadInput<JobKind> } | null {
  if (typeof job !== 'object' || job === null) return null;
  const { kind, payload } = job as { kind?: unknown; payload?: unknown };
  if (typeof kind !== 'string' || !(JOB_KINDS as readonly string[]).includes(kind)) return null;
  const parsed = jobPayloadSchemas[kind as JobKind].safeParse(payload);
  return parsed.success ? { kind: kind as JobKind, payload: payload as JobPayloadInput<JobKind> } : null;
}

/**
 * Rebuild a run's job payload from its records: only for runs launched before launches recorded their
 * job (Run.job), whose payloads carried neither checkpoints nor training options.
 */
async function enqueueFor(ctx: Context, tx: Tx, run: Run): Promise<void> {
  const base = { runId: run.id, projectId: run.projectId };
  const params = run.params as Record<string, unknown>;
  const epochs = typeof params.epochs === 'number' ? params.epochs : null;
  const noJob = () =>
    new AppError(AppErrorCode.CONFLICT, `run ${run.id} was created by a script and has no job to retry`, {
      field: 'runId',
    });
  switch (run.kind) {
    case 'TEACHER': {
      const t = await tx.teacher.findUnique({ where: { runId: run.id } });
      if (!t || !run.splitId) throw noJob();
      const cycles = typeof params.cycles === 'number' ? params.cycles : 1;
      return enqueueRunJob(ctx, tx, 'train-teacher', {
        ...base,
        teacherId: t.id,
        subsetId: t.subsetId,
        splitId: run.splitId,
        architectureKey: t.architectureKey,
        seed: run.seed,
        origin: t.origin,
        cycles,
        epochs,
      });
    }
    case 'STUDENT': {
      const s = await tx.student.findUnique({
        where: { runId: run.id },
        include: {
          teachers: {
            orderBy: { position: 'asc' },
            include: { teacher: { include: { run: { select: { status: true } } } } },
          },
        },
      });
      if (!s) throw noJob();
      return enqueueRunJob(ctx, tx, 'distill-student', {
        ...base,
        studentId: s.id,
        teacherIds: s.teachers.map((x) => x.teacherId),
        mode: s.mode,
        alpha: s.alpha,
        temperature: s.temperature,
        temperatureMode: s.temperatureMode,
        architectureKey: s.architectureKey,
        seed: run.seed,
        dependsOnRunIds: s.teachers
          .filter((x) => x.teacher.run.status !== 'SUCCEEDED')
          .map((x) => x.teacher.runId),
      });
    }
    case 'ENSEMBLE_EVAL': {
      const e = await tx.ensemble.findUnique({
        where: { runId: run.id },
        include: { members: { include: { teacher: { include: { run: { select: { status: true } } } } } } },
      });
      if (!e) throw noJob();
      const deps = e.members.flatMap((m) =>
        m.teacher && m.teacher.run.status !== 'SUCCEEDED' ? [m.teacher.runId] : [],
      );
      return enqueueRunJob(ctx, tx, 'evaluate-ensemble', {
        ...base,
        ensembleId: e.id,
        // Stored as validated names; enqueueJob parses the payload against the rule list again.
        rules: e.rules as FusionRule[],
        dependsOnRunIds: [...new Set(deps)],
      });
    }
    case 'BASELINE':
      if (!run.splitId || !run.architectureKey) throw noJob();
      return enqueueRunJob(ctx, tx, 'train-baseline', {
        ...base,
        splitId: run.splitId,
        architectureKey: run.architectureKey,
        seed: run.seed,
        epochs,
      });
    case 'EXPERIMENT': {
      if (!run.experimentId) throw noJob();
      const runs = await tx.run.findMany({
        where: { experimentId: run.experimentId, kind: { not: 'EXPERIMENT' } },
        select: { id: true },
      });
      return enqueueRunJob(ctx, tx, 'experiment-plan', {
        ...base,
        experimentId: run.experimentId,
        runIds: runs.map((r) => r.id),
      });
    }
    default:
      throw noJob();
  }
}
