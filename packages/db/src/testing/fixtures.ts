import type { PrismaClient } from '../generated/prisma/client.ts';

/** Ids of a small but complete object graph: every model has at least one row. */
export interface FullGraph {
  userId: string;
  projectId: string;
  datasetId: string;
  splitId: string;
  subsetId: string;
  teacherRunId: string;
  teacherId: string;
  checkpointId: string;
  studentRunId: string;
  ensembleId: string;
}

/** Create one row in every model, linked the way the method links them (fixture for db and API tests). */
export async function createFullGraph(prisma: PrismaClient, tag = 'g'): Promise<FullGraph> {
  const user = await prisma.user.create({
    data: { email: `${tag}-${Date.now()}-${Math.random()}@test.local`, name: 'Tester' },
  });
  const project = await prisma.project.create({
    data: { slug: `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`, name: 'P' },
  });
  await prisma.membership.create({ data: { projectId: project.id, userId: user.id, role: 'ADMIN' } });
  const runnerToken = await prisma.apiToken.create({
    data: {
      userId: user.id,
      name: 't',
      prefix: 'dst_',
      tokenHash: `h-${project.id}`,
      projectId: project.id,
      kind: 'RUNNER',
    },
  });
  await prisma.session.create({
    data: { userId: user.id, tokenHash: `s-${project.id}`, expiresAt: new Date(Date.now() + 3600_000) },
  });
  const soon = new Date(Date.now() + 3600_000);
  await prisma.invitation.create({
    data: {
      email: `invited-${project.id}@test.local`,
      projectId: project.id,
      role: 'MEMBER',
      tokenHash: `i-${project.id}`,
      invitedById: user.id,
      expiresAt: soon,
    },
  });
  await prisma.passwordLink.create({
    data: { userId: user.id, kind: 'RESET', tokenHash: `p-${project.id}`, expiresAt: soon },
  });
  await prisma.userIdentity.create({
    data: { userId: user.id, issuer: 'https://idp.test', subject: project.id, email: user.email },
  });
  await prisma.oidcLogin.create({
    data: {
      stateHash: `o-${project.id}`,
      codeVerifier: 'v',
      nonce: 'n',
      redirectUri: 'http://x/cb',
      expiresAt: soon,
    },
  });
  await prisma.architecture.upsert({
    where: { key: 'test' },
    create: {
      key: 'test',
      name: 'Tiny CNN',
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
      augmentation: { rotation: 5 },
      source: 'MNIST',
      contentHash: 'abc',
      trainCount: 6,
      testCount: 2,
      createdById: user.id,
    },
  });
  const split = await prisma.split.create({
    data: {
      datasetId: dataset.id,
      seed: 1,
      method: 'BERNOULLI',
      valFraction: 0.2,
      stratified: false,
      assignment: new Uint8Array([0, 0, 1, 0, 0, 1]),
      trainCount: 4,
      valCount: 2,
      testCount: 2,
    },
  });
  const subset = await prisma.subset.create({
    data: {
      splitId: split.id,
      fraction: 0.6,
      seed: 2,
      method: 'BERNOULLI',
      members: new Uint8Array(new Uint32Array([0, 1, 3]).buffer),
      size: 3,
    },
  });
  const experiment = await prisma.experiment.create({
    data: { projectId: project.id, name: 'grid', plan: { teachers: [2] } },
  });
  const teacherRun = await prisma.run.create({
    data: {
      projectId: project.id,
      kind: 'TEACHER',
      name: 'teacher-1',
      datasetId: dataset.id,
      splitId: split.id,
      architectureKey: 'test',
      experimentId: experiment.id,
      createdById: user.id,
    },
  });
  await prisma.runEvent.create({ data: { runId: teacherRun.id, type: 'QUEUED' } });
  await prisma.runLog.create({ data: { runId: teacherRun.id, lines: 1 } });
  await prisma.runLogLine.create({ data: { runId: teacherRun.id, seq: 1, message: 'epoch 1: loss 0.5' } });
  const teacher = await prisma.teacher.create({
    data: { runId: teacherRun.id, subsetId: subset.id, architectureKey: 'test', fraction: 0.6 },
  });
  const artifact = await prisma.artifact.create({
    data: {
      projectId: project.id,
      runId: teacherRun.id,
      kind: 'CHECKPOINT',
      name: 'epoch-1',
      uri: 'file:///tmp/x',
      sha256: 'ff',
      sizeBytes: 10n,
    },
  });
  const checkpoint = await prisma.checkpoint.create({
    data: {
      runId: teacherRun.id,
      teacherId: teacher.id,
      kind: 'EPOCH',
      epoch: 1,
      step: 10,
      artifactId: artifact.id,
    },
  });
  await prisma.prediction.create({
    data: {
      runId: teacherRun.id,
      checkpointId: checkpoint.id,
      splitId: split.id,
      splitRole: 'TEST',
      samples: 1,
      classes: 2,
      probs: new Uint8Array(8),
      probsHash: 'h',
    },
  });
  await prisma.metricPoint.create({ data: { runId: teacherRun.id, key: 'loss', step: 1, value: 0.5 } });
  await prisma.metricRollup.create({
    data: {
      runId: teacherRun.id,
      key: 'loss',
      shift: 4,
      cell: 0,
      count: 1,
      minValue: 0.5,
      maxValue: 0.5,
      lastStep: 1,
      lastValue: 0.5,
    },
  });
  const evalRun = await prisma.run.create({
    data: { projectId: project.id, kind: 'ENSEMBLE_EVAL', name: 'ens' },
  });
  const ensemble = await prisma.ensemble.create({
    data: {
      projectId: project.id,
      datasetId: dataset.id,
      splitId: split.id,
      runId: evalRun.id,
      name: 'e',
      rules: ['mean', 'borda'],
    },
  });
  await prisma.ensembleMember.create({
    data: {
      ensembleId: ensemble.id,
      position: 0,
      teacherId: teacher.id,
      checkpointId: checkpoint.id,
      weight: 1,
    },
  });
  await prisma.ensembleResult.create({
    data: { ensembleId: ensemble.id, rule: 'mean', splitRole: 'TEST', accuracy: 0.9 },
  });
  const studentRun = await prisma.run.create({
    data: { projectId: project.id, kind: 'STUDENT', name: 'student', parentRunId: teacherRun.id },
  });
  const student = await prisma.student.create({
    data: {
      runId: studentRun.id,
      mode: 'MIMIC_ALL',
      alpha: 0.25,
      architectureKey: 'test',
      teacherFraction: 0.6,
    },
  });
  await prisma.studentTeacher.create({ data: { studentId: student.id, position: 0, teacherId: teacher.id } });
  await prisma.registeredModel.create({
    data: {
      projectId: project.id,
      name: `model-${tag}`,
      versions: {
        create: { version: 1, stage: 'STAGING', runId: studentRun.id, studentId: student.id },
      },
    },
  });
  await prisma.savedView.create({
    data: { projectId: project.id, ownerId: user.id, name: 'students', state: { group: 'mode' } },
  });
  await prisma.runnerRegistration.create({
    data: {
      id: `${tag}-box:1:${project.id.slice(0, 6)}`,
      host: `${tag}-box`,
      engine: 'tfjs',
      backend: 'cpu',
      cpuModel: 'test CPU',
      cpuCores: 2,
      queues: ['cpu'],
      concurrency: 1,
      heartbeatMs: 5000,
      tokenId: runnerToken.id,
      projectId: project.id,
    },
  });
  await prisma.auditEvent.create({
    data: {
      projectId: project.id,
      seq: 1,
      actorKind: 'USER',
      operation: 'createProject',
      targetType: 'Project',
      outcome: 'SUCCESS',
      prevHash: '0',
      hash: '1',
    },
  });
  return {
    userId: user.id,
    projectId: project.id,
    datasetId: dataset.id,
    splitId: split.id,
    subsetId: subset.id,
    teacherRunId: teacherRun.id,
    teacherId: teacher.id,
    checkpointId: checkpoint.id,
    studentRunId: studentRun.id,
    ensembleId: ensemble.id,
  };
}
