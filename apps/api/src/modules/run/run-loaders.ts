// Batched reads behind the Run, Prediction and Experiment field resolvers (one query per page, not per run).
import type { ArtifactKind, SplitRole } from '@distillery/db';

import type { Deps } from '../../context.ts';
import { manyBy, manyByWith, oneBy } from '../../loaders/batch.ts';

/** Most runs Experiment.runs serves per experiment. */
const EXPERIMENT_RUNS = 10_000;

/** The run-side loaders of one context. */
export function runLoaders({ prisma, pool }: Pick<Deps, 'prisma' | 'pool'>) {
  return {
    run: oneBy(
      (ids) => prisma.run.findMany({ where: { id: { in: ids } } }),
      (r) => r.id,
    ),
    teacherOfRun: oneBy(
      (ids) => prisma.teacher.findMany({ where: { runId: { in: ids } } }),
      (t) => t.runId,
    ),
    studentOfRun: oneBy(
      (ids) => prisma.student.findMany({ where: { runId: { in: ids } } }),
      (s) => s.runId,
    ),
    ensembleOfRun: oneBy(
      (ids) => prisma.ensemble.findMany({ where: { runId: { in: ids } } }),
      (e) => e.runId,
    ),
    checkpointsOfRun: manyBy(
      (ids) =>
        prisma.checkpoint.findMany({
          where: { runId: { in: ids } },
          orderBy: [{ epoch: 'asc' }, { kind: 'asc' }],
        }),
      (c) => c.runId,
    ),
    /** The newest `last` events of each run, oldest first. */
    eventsOfRun: manyByWith(
      async (ids, last: number) => {
        const picked = await pool.query<{ id: string }>(
          `SELECT id::text AS id FROM (
           SELECT id, row_number() OVER (PARTITION BY "runId" ORDER BY id DESC) AS n
           FROM "RunEvent" WHERE "runId" = ANY($1::uuid[])) e
         WHERE n <= $2`,
          [ids, last],
        );
        return prisma.runEvent.findMany({
          where: { id: { in: picked.rows.map((r) => BigInt(r.id)) } },
          orderBy: { id: 'asc' },
        });
      },
      (e) => e.runId,
    ),
    predictionsOfRun: manyByWith(
      (ids, splitRole: SplitRole | null) =>
        prisma.prediction.findMany({
          where: { runId: { in: ids }, ...(splitRole ? { splitRole } : {}) },
          orderBy: [{ createdAt: 'asc' }, { splitRole: 'asc' }],
          // Matrices are megabytes each: read one only when its probsBase64 is selected.
          omit: { probs: true },
        }),
      (p) => p.runId,
    ),
    predictionProbs: oneBy(
      (ids) => prisma.prediction.findMany({ where: { id: { in: ids } }, select: { id: true, probs: true } }),
      (p) => p.id,
    ),
    /** A run's artifacts of some kinds (argument: the kinds joined by commas, '' for all). */
    artifactsOfRun: manyByWith(
      (ids, kinds: string) =>
        prisma.artifact.findMany({
          where: {
            runId: { in: ids },
            ...(kinds ? { kind: { in: kinds.split(',') as ArtifactKind[] } } : {}),
          },
          orderBy: [{ createdAt: 'asc' }, { kind: 'asc' }],
        }),
      (a) => a.runId,
    ),
    /** The newest FINAL checkpoint with stored weights of each run, with its artifact. */
    finalCheckpointsOfRun: manyBy(
      (ids) =>
        prisma.checkpoint.findMany({
          where: { runId: { in: ids }, kind: 'FINAL', artifactId: { not: null } },
          orderBy: { epoch: 'desc' },
          include: { artifact: true },
        }),
      (c) => c.runId,
    ),
    /** The first runs of each experiment (live ones, oldest first). */
    runsOfExperiment: manyBy(
      async (ids) => {
        const picked = await pool.query<{ id: string }>(
          `SELECT id FROM (
           SELECT id, row_number() OVER (PARTITION BY "experimentId" ORDER BY "createdAt") AS n
           FROM "Run" WHERE "experimentId" = ANY($1::uuid[]) AND "deletedAt" IS NULL) r
         WHERE n <= $2`,
          [ids, EXPERIMENT_RUNS],
        );
        return prisma.run.findMany({
          where: { id: { in: picked.rows.map((r) => r.id) } },
          orderBy: { createdAt: 'asc' },
        });
      },
      (r) => r.experimentId,
    ),
  };
}
