import type { PrismaClient } from '@distillery/db';
import { hashPassword } from '@distillery/db/seed';

import { gqlData, logPoints, signIn } from '@distillery/testing';

/** What the browser tests (and the bench) need to know about the seeded project. */
export interface SeededProject {
  projectId: string;
  admin: { email: string; password: string; token: string };
  viewer: { email: string; password: string };
  liveRunIds: string[];
  /** Test accuracies of the student runs, for checking the results table against the raw values. */
  students: { n: number; p: number; mode: string; alpha: number; acc: number }[];
}

const PASSWORD = 'correct horse battery';

/** Users (admin + viewer), a project, and architecture `tiny`, written directly as the foundation's seed does. */
export async function seedUsers(prisma: PrismaClient, tag: string) {
  const passwordHash = await hashPassword(PASSWORD);
  const admin = await prisma.user.create({
    data: { email: `admin-${tag}@lab.test`, name: 'Ada Admin', passwordHash },
  });
  const viewer = await prisma.user.create({
    data: { email: `viewer-${tag}@lab.test`, name: 'Vera Viewer', passwordHash },
  });
  const project = await prisma.project.create({
    data: { slug: `mtkd-${tag}`, name: 'MTKD on MNIST', description: 'Browser test project' },
  });
  await prisma.membership.createMany({
    data: [
      { projectId: project.id, userId: admin.id, role: 'ADMIN' },
      { projectId: project.id, userId: viewer.id, role: 'VIEWER' },
    ],
  });
  await prisma.architecture.upsert({
    where: { key: 'tiny' },
    create: { key: 'tiny', name: 'Tiny CNN', family: 'cnn', trainingParams: { epochs: 2 } },
    update: {},
  });
  return {
    projectId: project.id,
    admin: { id: admin.id, email: admin.email },
    viewer: { email: viewer.email },
    password: PASSWORD,
  };
}

/** A deterministic "accuracy" with the method's shape: rises with N and p, mimic_all best, α hurts a little. */
function accuracy(n: number, p: number, mode: string, alpha: number, rep: number): number {
  return 0.78 + 0.008 * n + 0.03 * p + (mode === 'MIMIC_ALL' ? 0.015 : 0) - 0.01 * alpha + 0.004 * rep;
}

/**
 * A small experiment as the runner would leave it: data through the API, then teachers, students,
 * an ensemble and a baseline recorded as SUCCEEDED, plus two RUNNING runs with logged curves.
 */
export async function seedExperiment(
  prisma: PrismaClient,
  apiUrl: string,
  tag: string,
): Promise<SeededProject> {
  const u = await seedUsers(prisma, tag);
  const token = await signIn(apiUrl, u.admin.email, u.password);
  const { registerDataset } = await gqlData<{ registerDataset: { id: string } }>(
    apiUrl,
    'mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }',
    {
      i: {
        projectId: u.projectId,
        name: 'mnist',
        preset: 'mnist',
        trainCount: 600,
        testCount: 100,
        contentHash: 'c'.repeat(64),
      },
    },
    token,
  );
  const { createSplit } = await gqlData<{ createSplit: { id: string } }>(
    apiUrl,
    'mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }',
    { i: { datasetId: registerDataset.id, seed: 1, valFraction: 0.2 } },
    token,
  );
  const { generateSubsets } = await gqlData<{ generateSubsets: { id: string; fraction: number }[] }>(
    apiUrl,
    'mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id fraction } }',
    { i: { splitId: createSplit.id, fractions: [0.8, 1], seeds: [1, 2, 3] } },
    token,
  );
  const base = {
    projectId: u.projectId,
    datasetId: registerDataset.id,
    splitId: createSplit.id,
    architectureKey: 'tiny',
    createdById: u.admin.id,
    status: 'SUCCEEDED' as const,
  };
  const teachers: { id: string; fraction: number; acc: number }[] = [];
  for (const [i, s] of generateSubsets.entries()) {
    const acc = 0.8 + 0.03 * s.fraction + 0.002 * i;
    const run = await prisma.run.create({
      data: {
        ...base,
        kind: 'TEACHER',
        name: `teacher p=${s.fraction} #${i}`,
        params: { fraction: s.fraction, seed: i },
        summary: { test_accuracy: acc, val_accuracy: acc + 0.01 },
        parameterCount: 120_000,
      },
    });
    const t = await prisma.teacher.create({
      data: { runId: run.id, subsetId: s.id, architectureKey: 'tiny', fraction: s.fraction },
    });
    teachers.push({ id: t.id, fraction: s.fraction, acc });
  }
  const students: SeededProject['students'] = [];
  for (const n of [2, 3])
    for (const p of [0.8, 1])
      for (const mode of ['MIMIC_ALL', 'OUTPUT_AVG'] as const)
        for (const alpha of [0, 0.5])
          for (const rep of [0, 1]) {
            const acc = accuracy(n, p, mode, alpha, rep);
            const run = await prisma.run.create({
              data: {
                ...base,
                kind: 'STUDENT',
                name: `student N=${n} p=${p} ${mode.toLowerCase()} α=${alpha} r${rep}`,
                params: { teachers: n, fraction: p, mode, alpha },
                summary: { test_accuracy: acc },
                parameterCount: 30_000,
              },
            });
            const st = await prisma.student.create({
              data: { runId: run.id, mode, alpha, architectureKey: 'tiny', teacherFraction: p },
            });
            await prisma.studentTeacher.createMany({
              data: teachers
                .filter((t) => t.fraction === p)
                .slice(0, n)
                .map((t, position) => ({ studentId: st.id, teacherId: t.id, position })),
            });
            students.push({ n, p, mode, alpha, acc });
          }
  // RUNNING while it logs what evaluate-ensemble logs (one point per rule), SUCCEEDED below.
  const evalRun = await prisma.run.create({
    data: {
      ...base,
      status: 'RUNNING',
      kind: 'ENSEMBLE_EVAL',
      name: 'ensemble p=1 ×3',
      summary: { test_accuracy: 0.86 },
    },
  });
  await logPoints(
    apiUrl,
    token,
    evalRun.id,
    [0.86, 0.855, 0.845].map((value, step) => ({
      key: `fusion/${['mean', 'borda', 'plurality'][step]}/test_accuracy`,
      step,
      value,
    })),
  );
  const ensemble = await prisma.ensemble.create({
    data: {
      projectId: u.projectId,
      datasetId: registerDataset.id,
      splitId: createSplit.id,
      runId: evalRun.id,
      name: 'p=1 ×3',
      rules: ['mean', 'borda', 'plurality'],
    },
  });
  const members = teachers.filter((t) => t.fraction === 1);
  await prisma.ensembleMember.createMany({
    data: members.map((t, position) => ({ ensembleId: ensemble.id, teacherId: t.id, position })),
  });
  // What the evaluate-ensemble job stores: flat row-major confusion (10 classes × 100 test samples each,
  // 86 right, 14 taken for the next class) and the diversity suite in the run's summary.
  const confusion = Array.from({ length: 100 }, (_, k) => {
    const [t, pred] = [Math.floor(k / 10), k % 10];
    return pred === t ? 86 : pred === (t + 1) % 10 ? 14 : 0;
  });
  const pairwise = (self: number, base: number) =>
    members.map((_, i) => members.map((_, j) => (i === j ? self : base + 0.01 * (i + j))));
  await prisma.run.update({
    where: { id: evalRun.id },
    data: {
      status: 'SUCCEEDED',
      summary: {
        test_accuracy: 0.86,
        diversity: {
          memberLabels: members.map((_, i) => `teacher p=1 #${i}`),
          measures: {
            disagreement: pairwise(0, 0.12),
            qStatistic: pairwise(1, 0.7),
            correlation: pairwise(1, 0.45),
            kappa: pairwise(1, 0.6),
            doubleFault: pairwise(0.15, 0.08),
            kendallTau: pairwise(0, 0.3),
          },
          nonPairwise: { entropy: 0.18, kohaviWolpert: 0.04, interraterKappa: 0.61, oracleAccuracy: 0.97 },
        },
      },
    },
  });
  await prisma.ensembleResult.createMany({
    data: [
      {
        ensembleId: ensemble.id,
        rule: 'mean',
        splitRole: 'TEST',
        accuracy: 0.86,
        nll: 0.41,
        ece: 0.02,
        confusion,
      },
      { ensembleId: ensemble.id, rule: 'borda', splitRole: 'TEST', accuracy: 0.855 },
      { ensembleId: ensemble.id, rule: 'plurality', splitRole: 'TEST', accuracy: 0.845 },
    ],
  });
  await prisma.run.create({
    data: {
      ...base,
      kind: 'BASELINE',
      name: 'baseline tiny',
      params: { fraction: 1 },
      summary: { test_accuracy: 0.805 },
      parameterCount: 30_000,
    },
  });

  const liveRunIds: string[] = [];
  for (const [i, name] of ['live-a', 'live-b'].entries()) {
    const run = await prisma.run.create({
      data: {
        ...base,
        status: 'RUNNING',
        kind: 'BASELINE',
        name,
        params: { lr: 0.01 * (i + 1), batchSize: 64 },
        startedAt: new Date(),
      },
    });
    const pts = [];
    for (let step = 0; step < 200; step++) {
      const loss = 2.3 * Math.exp(-step / (60 + 30 * i)) + 0.1 + 0.05 * Math.sin(step / 3);
      pts.push({ key: 'loss', step, value: loss }, { key: 'accuracy', step, value: 1 - loss / 2.5 });
      if (step % 50 === 49) pts.push({ key: 'epoch', step, value: (step + 1) / 50 });
      if (step % 20 === 19)
        pts.push(
          { key: 'val_loss', step, value: loss * 1.1 },
          { key: 'val_accuracy', step, value: 0.97 - loss / 2.5 },
        );
    }
    await logPoints(apiUrl, token, run.id, pts);
    liveRunIds.push(run.id);
  }
  return {
    projectId: u.projectId,
    admin: { email: u.admin.email, password: u.password, token },
    viewer: { email: u.viewer.email, password: u.password },
    liveRunIds,
    students,
  };
}
