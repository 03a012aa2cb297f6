import type { Api } from './harness.ts';

export { waitFor } from '@distillery/testing';

/** Architectures the domain tests use. */
export async function seedArchitecture(api: Api, key = 'tiny'): Promise<void> {
  await api.db.prisma.architecture.upsert({
    where: { key },
    create: { key, name: key, family: 'cnn', trainingParams: { epochs: 1 } },
    update: {},
  });
}

/** Register mnist, split it and make two subsets through the API; returns their ids. */
export async function buildData(api: Api, token: string, projectId: string) {
  const ds = await api.gql<{ registerDataset: { id: string } }>(
    `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
    {
      i: {
        projectId,
        name: `mnist-${Math.random()}`,
        preset: 'mnist',
        trainCount: 200,
        testCount: 50,
        contentHash: 'a'.repeat(64),
      },
    },
    token,
  );
  const datasetId = ds.data!.registerDataset.id;
  const split = await api.gql<{ createSplit: { id: string } }>(
    `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id } }`,
    { i: { datasetId, seed: 1, valFraction: 0.2 } },
    token,
  );
  const splitId = split.data!.createSplit.id;
  const subsets = await api.gql<{ generateSubsets: { id: string }[] }>(
    `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id } }`,
    { i: { splitId, fractions: [0.5], seeds: [1, 2] } },
    token,
  );
  return { datasetId, splitId, subsetIds: subsets.data!.generateSubsets.map((s) => s.id) };
}
