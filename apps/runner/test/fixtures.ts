// Test data on a real database: a project with the real MNIST dataset, a seeded split, and teacher
// runs created the way the API creates them (run + teacher + job in one transaction).
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect } from 'vitest';

import type { PrismaClient } from '@distillery/db';
import { enqueueJob } from '@distillery/db/jobs';
import { isTerminalRunStatus, Prng } from '@distillery/domain';
import { loadDataset } from '@distillery/ml';

import { startRunner, type RunnerOptions, type RunningRunner } from '../src/runner.ts';

/** Ids of the MNIST project fixture. */
export interface MnistProject {
  projectId: string;
  datasetId: string;
  splitId: string;
  /** Training-sample indices assigned to train by the split. */
  trainIndices: number[];
}

/** A project with the MNIST dataset (60,000 training samples) and a split with `valCount` val samples. */
export async function createMnistProject(prisma: PrismaClient, valCount = 300): Promise<MnistProject> {
  const tag = Math.random().toString(36).slice(2);
  const project = await prisma.project.create({ data: { slug: `runner-${tag}`, name: 'runner tests' } });
  await prisma.architecture.upsert({
    where: { key: 'test' },
    create: {
      key: 'test',
      name: 'test CNN',
      family: 'cnn',
      trainingParams: { epochs: 1, learningRate: 0.005, batchSize: 128 },
    },
    update: {},
  });
  const dataset = await prisma.dataset.create({
    data: {
      projectId: project.id,
      name: 'mnist',
      preset: 'mnist',
      height: 28,
      width: 28,
      channels: 1,
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      augmentation: {},
      source: 'MNIST',
      contentHash: 'mnist',
      trainCount: 60000,
      testCount: 10000,
    },
  });
  const assignment = new Uint8Array(60000);
  const perm = new Prng(7).permutation(60000);
  for (let i = 0; i < valCount; i++) assignment[perm[i]!] = 1;
  const split = await prisma.split.create({
    data: {
      datasetId: dataset.id,
      seed: 7,
      method: 'BERNOULLI',
      valFraction: valCount / 60000,
      stratified: false,
      assignment,
      trainCount: 60000 - valCount,
      valCount,
      testCount: 10000,
    },
  });
  const trainIndices = Array.from(perm.subarray(valCount)).sort((a, b) => a - b);
  return { projectId: project.id, datasetId: dataset.id, splitId: split.id, trainIndices };
}

/** Options of a teacher run. */
export interface TeacherRunOptions {
  subsetSize: number;
  epochs: number;
  seed?: number;
  name?: string;
  /** Enqueue a payload that fails validation (as a buggy client or a version skew would). */
  corruptPayload?: boolean;
  /** Left out of the payload when unset (a job queued before these existed). */
  augment?: boolean;
  epochBudget?: 'ORIGINAL' | 'PER_SUBSET';
}

/** Create a QUEUED teacher run on a subset, its Teacher row, and its job, in one transaction. */
export async function createTeacherRun(
  prisma: PrismaClient,
  p: MnistProject,
  o: TeacherRunOptions,
): Promise<{ runId: string; teacherId: string }> {
  const seed = o.seed ?? 1;
  const members = new Uint32Array(
    p.trainIndices
      .filter((_, i) => i % Math.floor(p.trainIndices.length / o.subsetSize) === 0)
      .slice(0, o.subsetSize),
  );
  return prisma.$transaction(async (tx) => {
    const subset = await tx.subset.create({
      data: {
        splitId: p.splitId,
        fraction: o.subsetSize / p.trainIndices.length,
        seed,
        method: 'BERNOULLI',
        members: new Uint8Array(members.buffer),
        size: members.length,
      },
    });
    const run = await tx.run.create({
      data: {
        projectId: p.projectId,
        kind: 'TEACHER',
        name: o.name ?? `teacher-${seed}`,
        datasetId: p.datasetId,
        splitId: p.splitId,
        architectureKey: 'test',
        seed,
        params: { epochs: o.epochs, subsetSize: o.subsetSize },
      },
    });
    await tx.runEvent.create({ data: { runId: run.id, type: 'QUEUED' } });
    const teacher = await tx.teacher.create({
      data: { runId: run.id, subsetId: subset.id, architectureKey: 'test', fraction: subset.fraction },
    });
    const payload = {
      runId: run.id,
      projectId: p.projectId,
      teacherId: teacher.id,
      subsetId: subset.id,
      splitId: p.splitId,
      architectureKey: 'test',
      seed,
      origin: 'INDEPENDENT' as const,
      cycles: 1,
      epochs: o.epochs,
      ...(o.augment !== undefined ? { augment: o.augment } : {}),
      ...(o.epochBudget ? { epochBudget: o.epochBudget } : {}),
    };
    if (o.corruptPayload) {
      await tx.$queryRaw`SELECT id FROM graphile_worker.add_job('train-teacher', ${JSON.stringify({ ...payload, seed: 'seven' })}::json)`;
    } else await enqueueJob(tx, 'train-teacher', payload);
    return { runId: run.id, teacherId: teacher.id };
  });
}

/** Poll until `check` returns a value (not undefined) or the timeout passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Wait until the run reaches a terminal status and return it. */
export async function waitForEnd(
  prisma: PrismaClient,
  runId: string,
  timeoutMs = 150_000,
): Promise<{ status: string; failureReason: string | null }> {
  return waitFor(
    `run ${runId} to end`,
    async () => {
      const r = await prisma.run.findUniqueOrThrow({
        where: { id: runId },
        select: { status: true, failureReason: true },
      });
      return isTerminalRunStatus(r.status) ? r : undefined;
    },
    timeoutMs,
  );
}

/** A fresh local artifact folder. */
export function tempArtifacts(): { kind: 'local'; root: string } {
  return { kind: 'local', root: mkdtempSync(join(tmpdir(), 'distillery-artifacts-')) };
}

/** A runner serving both queues one job at a time, artifacts in a temporary folder, no log; `options` override. */
export function startTestRunner(
  databaseUrl: string,
  options: Partial<RunnerOptions> = {},
): Promise<RunningRunner> {
  return startRunner({
    databaseUrl,
    queues: ['gpu', 'cpu'],
    concurrency: 1,
    artifacts: tempArtifacts(),
    pollIntervalMs: 200,
    log: () => undefined,
    ...options,
  });
}

/** A small split of the project's MNIST dataset (the rest unused, byte 3), with its own test part. */
export async function createSmallSplit(
  prisma: PrismaClient,
  p: MnistProject,
  o: { train: number; val: number; test: number; seed?: number },
): Promise<MnistProject> {
  const assignment = new Uint8Array(60000).fill(3);
  const perm = new Prng(o.seed ?? 11).permutation(60000);
  const roles = [
    [0, o.train],
    [1, o.val],
    [2, o.test],
  ] as const;
  let at = 0;
  for (const [role, n] of roles) for (let i = 0; i < n; i++) assignment[perm[at++]!] = role;
  const split = await prisma.split.create({
    data: {
      datasetId: p.datasetId,
      seed: o.seed ?? 11,
      method: 'BERNOULLI',
      valFraction: o.val / 60000,
      testFraction: o.test / 60000,
      stratified: false,
      assignment,
      trainCount: o.train,
      valCount: o.val,
      testCount: o.test,
    },
  });
  const trainIndices = Array.from(perm.subarray(0, o.train)).sort((a, b) => a - b);
  return { ...p, splitId: split.id, trainIndices };
}

/** Options of a student run. */
export interface StudentRunOptions {
  teacherIds: string[];
  mode: 'OUTPUT_AVG' | 'LOSS_AVG' | 'MIMIC_ALL' | 'SUPERNET' | 'SUPERNET2';
  epochs: number;
  alpha?: number;
  seed?: number;
  name?: string;
  augment?: boolean;
  /** Snapshot/FGE checkpoints, one per member (null: the teacher's FINAL checkpoint). */
  checkpointIds?: (string | null)[];
}

/** Create a QUEUED student run distilled from `teacherIds`, its Student rows and its job, in one transaction. */
export async function createStudentRun(
  prisma: PrismaClient,
  p: MnistProject,
  o: StudentRunOptions,
): Promise<{ runId: string; studentId: string }> {
  const seed = o.seed ?? 5;
  const alpha = o.alpha ?? 0.5;
  return prisma.$transaction(async (tx) => {
    const run = await tx.run.create({
      data: {
        projectId: p.projectId,
        kind: 'STUDENT',
        name: o.name ?? `student-${o.mode}`,
        datasetId: p.datasetId,
        splitId: p.splitId,
        architectureKey: 'test',
        seed,
        params: { epochs: o.epochs, mode: o.mode, alpha },
      },
    });
    await tx.runEvent.create({ data: { runId: run.id, type: 'QUEUED' } });
    const student = await tx.student.create({
      data: { runId: run.id, mode: o.mode, alpha, architectureKey: 'test' },
    });
    await tx.studentTeacher.createMany({
      data: o.teacherIds.map((teacherId, position) => ({ studentId: student.id, position, teacherId })),
    });
    await enqueueJob(tx, 'distill-student', {
      runId: run.id,
      projectId: p.projectId,
      studentId: student.id,
      teacherIds: o.teacherIds,
      mode: o.mode,
      alpha,
      temperature: 1,
      temperatureMode: 'AS_ORIGINAL',
      architectureKey: 'test',
      seed,
      dependsOnRunIds: [],
      ...(o.augment !== undefined ? { augment: o.augment } : {}),
      ...(o.checkpointIds ? { checkpointIds: o.checkpointIds } : {}),
    });
    return { runId: run.id, studentId: student.id };
  });
}

/** Every (key, step) a teacher run of `epochs` × `stepsPerEpoch` should have exactly once: it has them. */
export async function expectExactlyOnceMetrics(
  prisma: PrismaClient,
  runId: string,
  epochs: number,
  stepsPerEpoch: number,
): Promise<void> {
  const loss = await prisma.metricPoint.findMany({
    where: { runId, key: 'loss' },
    select: { step: true },
    orderBy: { step: 'asc' },
  });
  expect(loss.map((m) => m.step)).toEqual(Array.from({ length: epochs * stepsPerEpoch }, (_, i) => i + 1));
  const epochValues = await prisma.metricPoint.findMany({
    where: { runId, key: 'epoch' },
    select: { value: true },
    orderBy: { step: 'asc' },
  });
  expect(epochValues.map((m) => m.value)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
  const checkpoints = await prisma.checkpoint.findMany({
    where: { runId, kind: 'EPOCH' },
    orderBy: { epoch: 'asc' },
  });
  expect(checkpoints.map((c) => c.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
}

/** SHA-256 over MNIST's sample bytes and labels (what registerDataset records). */
export async function mnistHash(): Promise<string> {
  const ds = await loadDataset('mnist');
  const h = createHash('sha256');
  for (const part of [ds.train, ds.test]) h.update(part.images).update(new Uint8Array(part.labels.buffer));
  return h.digest('hex');
}
