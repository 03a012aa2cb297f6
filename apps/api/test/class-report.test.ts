// Run.classReport: the per-class table derived from the confusion matrix the runner stores with the
// FINAL checkpoint's predictions, named with the dataset's classes (here the CIFAR-10 preset's).
import { getDatasetPreset } from '@distillery/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
beforeAll(async () => {
  api = await startApi();
  await seedArchitecture(api);
});
afterAll(() => api.close());

const QUERY = `query($r: ID!, $s: SplitRole) { run(id: $r) { classReport(splitRole: $s) {
  splitRole samples accuracy macroF1 weightedF1 classNames confusion
  classes { index name precision recall f1 support } } } }`;

type Report = {
  samples: number;
  accuracy: number;
  macroF1: number;
  classNames: string[];
  confusion: number[][];
  classes: {
    index: number;
    name: string;
    precision: number | null;
    recall: number | null;
    f1: number | null;
    support: number;
  }[];
};

describe('Run.classReport', () => {
  it('names the classes from the dataset, scores each one, and is null where nothing was stored', async () => {
    const admin = await createUser(api, null, null, 'cr-admin');
    const project = await api.db.prisma.project.create({ data: { slug: 'cr', name: 'CR' } });
    await api.db.prisma.membership.create({
      data: { projectId: project.id, userId: admin.userId, role: 'MEMBER' },
    });
    const ds = await api.gql<{ registerDataset: { id: string } }>(
      `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
      {
        i: {
          projectId: project.id,
          name: 'cifar',
          preset: 'cifar10',
          trainCount: 100,
          testCount: 20,
          contentHash: 'b'.repeat(64),
        },
      },
      admin.token,
    );
    expect(ds.errors).toBeUndefined();
    const split = await api.gql<{ createSplit: { id: string } }>(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId: ds.data!.registerDataset.id, seed: 1, valFraction: 0.2 } },
      admin.token,
    );
    const splitId = split.data!.createSplit.id;
    const run = await api.db.prisma.run.create({
      data: {
        projectId: project.id,
        kind: 'BASELINE',
        name: 'b',
        status: 'SUCCEEDED',
        splitId,
        datasetId: ds.data!.registerDataset.id,
      },
    });
    const none = await api.gql<{ run: { classReport: Report | null } }>(QUERY, { r: run.id }, admin.token);
    expect(none.data!.run.classReport).toBeNull();

    // What the runner's saveFinal stores: a FINAL checkpoint whose TEST prediction keeps its confusion.
    const classes = 10;
    const confusion = Array.from({ length: classes * classes }, (_, i) => {
      const t = Math.floor(i / classes);
      const p = i % classes;
      if (t === 9) return 0; // truck: no test samples
      if (t === p) return 8;
      return p === (t + 1) % classes ? 2 : 0;
    });
    const artifact = await api.db.prisma.artifact.create({
      data: {
        projectId: project.id,
        runId: run.id,
        kind: 'CHECKPOINT',
        name: 'final-1',
        uri: 'file:///x',
        sha256: 'c'.repeat(64),
        sizeBytes: 1n,
      },
    });
    const cp = await api.db.prisma.checkpoint.create({
      data: { runId: run.id, kind: 'FINAL', epoch: 1, step: 1, artifactId: artifact.id },
    });
    await api.db.prisma.prediction.create({
      data: {
        runId: run.id,
        checkpointId: cp.id,
        splitId,
        splitRole: 'TEST',
        samples: 90,
        classes,
        probs: new Uint8Array(4),
        probsHash: 'd',
        accuracy: 0.8,
        confusion,
      },
    });
    const r = await api.gql<{ run: { classReport: Report } }>(QUERY, { r: run.id }, admin.token);
    expect(r.errors).toBeUndefined();
    const report = r.data!.run.classReport;
    const names = getDatasetPreset('cifar10').classNames;
    expect(report.classNames).toEqual([...names]);
    expect(report.classes[0]).toMatchObject({ index: 0, name: names[0], support: 10, recall: 0.8 });
    // Each class spills 2 samples into the next: airplane is only ever predicted right, truck (no samples)
    // is predicted twice, wrongly.
    expect(report.classes[0]!.precision).toBeCloseTo(8 / 8, 10);
    expect(report.classes[1]!.precision).toBeCloseTo(8 / 10, 10);
    expect(report.classes[9]).toMatchObject({
      name: names[9],
      support: 0,
      recall: null,
      f1: null,
      precision: 0,
    });
    expect(report).toMatchObject({ samples: 90, accuracy: 0.8 });
    expect(report.confusion[2]!.slice(0, 4)).toEqual([0, 0, 8, 2]);
    const val = await api.gql<{ run: { classReport: Report | null } }>(
      QUERY,
      { r: run.id, s: 'VAL' },
      admin.token,
    );
    expect(val.data!.run.classReport).toBeNull();
  });
});
