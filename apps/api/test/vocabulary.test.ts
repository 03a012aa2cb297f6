// The shared vocabulary through the API: the dataset table has one corrosion_320 shape (it once had
// 320×320 with 3 classes and 0 samples here, 240×320×3 with 2 classes in the runner), and a seed
// names the same members whether the subset comes from generateSubsets, launchExperiment or the
// sampler itself (the runner's ML core draws through the same sampler, packages/ml splits.test.ts).
import { bytesToIndices, DATASET_PRESETS, drawSplit, drawSubset, indicesOfRole } from '@distillery/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedArchitecture } from './helpers/domain.ts';
import { createUser, startApi, type Api } from './helpers/harness.ts';

let api: Api;
let token: string;
let projectId: string;
beforeAll(async () => {
  api = await startApi();
  await seedArchitecture(api);
  const admin = await createUser(api, null, null, 'vocab');
  token = admin.token;
  const p = await api.gql<{ createProject: { id: string } }>(
    `mutation { createProject(input: { slug: "vocab", name: "vocab" }) { id } }`,
    {},
    token,
  );
  projectId = p.data!.createProject.id;
});
afterAll(() => api.close());

const register = async (name: string, preset: string) => {
  const r = await api.gql<{
    registerDataset: { id: string; height: number; width: number; channels: number; classNames: string[] };
  }>(
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id height width channels classNames trainCount testCount } }`,
    { i: { projectId, name, preset, contentHash: 'd'.repeat(64) } },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.registerDataset;
};

describe('the vocabulary through GraphQL', () => {
  it('registers corrosion_320 with the one shape of the dataset table (240×320×3, 2 classes)', async () => {
    const preset = DATASET_PRESETS.corrosion_320!;
    const ds = await register('dais', 'corrosion_320');
    expect(ds).toMatchObject({
      height: 240,
      width: 320,
      channels: 3,
      classNames: ['corrosion', 'ok'],
      trainCount: 10181,
      testCount: 986,
    });
    expect([ds.height, ds.width, ds.channels]).toEqual(preset.shape);
    const listed = await api.gql<{ datasetPresets: { key: string; height: number; width: number }[] }>(
      `{ datasetPresets { key height width channels classNames trainCount testCount } }`,
    );
    expect(listed.data!.datasetPresets.map((p) => p.key)).toEqual(Object.keys(DATASET_PRESETS));
    expect(listed.data!.datasetPresets.find((p) => p.key === 'corrosion_320')).toEqual({
      key: 'corrosion_320',
      height: 240,
      width: 320,
      channels: 3,
      classNames: ['corrosion', 'ok'],
      trainCount: 10181,
      testCount: 986,
    });
  });

  it('gives a seed the same members through generateSubsets, launchExperiment and the sampler', async () => {
    const ds = await register('mnist', 'mnist');
    const split = await api.gql<{ createSplit: { id: string } }>(
      `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
      { i: { datasetId: ds.id, seed: 1, valFraction: 0.2 } },
      token,
    );
    const splitId = split.data!.createSplit.id;
    const stored = await api.db.prisma.split.findUniqueOrThrow({ where: { id: splitId } });
    const assignment = drawSplit(60000, { seed: 1, valFraction: 0.2 });
    expect(Buffer.from(stored.assignment).equals(Buffer.from(assignment))).toBe(true);
    const train = indicesOfRole(assignment, 'TRAIN');

    const made = await api.gql<{ generateSubsets: { id: string }[] }>(
      `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`,
      { i: { splitId, fractions: [0.6], seeds: [1], method: 'BERNOULLI' } },
      token,
    );
    const boot = await api.gql<{ generateSubsets: { id: string }[] }>(
      `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`,
      { i: { splitId, fractions: [0.3], seeds: [8], method: 'BOOTSTRAP' } },
      token,
    );
    const members = async (id: string) =>
      bytesToIndices(
        new Uint8Array((await api.db.prisma.subset.findUniqueOrThrow({ where: { id } })).members),
      );
    const viaApi = await members(made.data!.generateSubsets[0]!.id);
    expect(viaApi).toEqual(drawSubset(train, { fraction: 0.6, seed: 1, method: 'BERNOULLI' }));
    expect(await members(boot.data!.generateSubsets[0]!.id)).toEqual(
      drawSubset(train, { fraction: 0.3, seed: 8, method: 'BOOTSTRAP' }),
    );

    // launchExperiment draws teacher t of repetition 0 with seed t: its p = 0.6 subset of seed 1 is
    // the one generateSubsets made.
    const grid = await api.gql<{ launchExperiment: { experiment: { id: string } } }>(
      `mutation($i: LaunchExperimentInput!) { launchExperiment(input: $i) { experiment { id } } }`,
      {
        i: {
          name: 'g',
          splitId,
          teacherArchitecture: 'tiny',
          studentArchitecture: 'tiny',
          teacherCounts: [2],
          fractions: [0.6],
          modes: ['MIMIC_ALL'],
          alphas: [0.5],
          repetitions: 1,
          includeBaselines: false,
        },
      },
      token,
    );
    expect(grid.errors).toBeUndefined();
    const fromGrid = await api.db.prisma.subset.findMany({ where: { splitId, seed: 1, fraction: 0.6 } });
    expect(fromGrid).toHaveLength(2);
    for (const s of fromGrid) expect(bytesToIndices(new Uint8Array(s.members))).toEqual(viaApi);
  });
});
