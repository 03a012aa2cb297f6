// Issue 14 finding 1: every size an input implies is bounded (samples, subsets per call, bytes per
// row), blobs are never read back whole, and one hostile request does not take the API down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SIZE_LIMITS } from '../../src/limits/sizes.ts';
import { createUser, startApi, type Api } from '../helpers/harness.ts';

let api: Api;
let token: string;
let projectId: string;

const REGISTER = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id trainCount } }`;
const SPLIT = `mutation($i: CreateSplitInput!) { createSplit(input: $i) { id trainCount } }`;
const SUBSETS = `mutation($i: GenerateSubsetsInput!) { generateSubsets(input: $i) { id size } }`;
const dataset = (name: string, trainCount: number) => ({
  projectId,
  name,
  preset: 'mnist',
  trainCount,
  testCount: 10,
  contentHash: 'b'.repeat(64),
});
const count = async (table: string) =>
  Number((await api.db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
const alive = async () => (await api.gql<{ me: { id: string } }>(`{ me { id } }`, {}, token)).data?.me.id;

beforeAll(async () => {
  api = await startApi();
  const p = await api.db.prisma.project.create({ data: { slug: 'sizes', name: 'Sizes' } });
  projectId = p.id;
  token = (await createUser(api, projectId, 'ADMIN', 'sizes')).token;
});
afterAll(() => api.close());

describe('input sizes', () => {
  it('refuses the crash reproduction (trainCount 100,000,000) with BAD_USER_INPUT and writes nothing', async () => {
    const before = await count('Dataset');
    const r = await api.gql(REGISTER, { i: dataset('huge', 100_000_000) }, token);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.trainCount' });
    expect(await count('Dataset')).toBe(before);
    expect(await alive()).toBeTruthy();
  });

  it('serves the largest accepted dataset: split, subsets within the byte budget, member slices', async () => {
    const ds = await api.gql<{ registerDataset: { id: string } }>(
      REGISTER,
      { i: dataset('largest', SIZE_LIMITS.maxSamples) },
      token,
    );
    expect(ds.errors).toBeUndefined();
    const split = await api.gql<{ createSplit: { id: string; trainCount: number } }>(
      SPLIT,
      { i: { datasetId: ds.data!.registerDataset.id, seed: 1, valFraction: 0.2 } },
      token,
    );
    expect(split.errors).toBeUndefined();
    const { id: splitId, trainCount } = split.data!.createSplit;
    // Twelve full-size subsets are ~77 MB of members: over the per-call budget, nothing written.
    const before = await count('Subset');
    const tooMany = await api.gql(
      SUBSETS,
      { i: { splitId, fractions: [1], seeds: Array.from({ length: 12 }, (_, i) => i) } },
      token,
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.fractions',
    });
    expect(await count('Subset')).toBe(before);
    const ok = await api.gql<{ generateSubsets: { id: string; size: number }[] }>(
      SUBSETS,
      { i: { splitId, fractions: [0.5, 1], seeds: [1, 2] } },
      token,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.generateSubsets.map((s) => s.size).at(-1)).toBe(trainCount);
    // A slice from the end of a 6 MB blob: the API reads that slice, not the row.
    const slice = await api.gql<{ subset: { memberIndices: number[] } }>(
      `query($id: ID!, $o: Int!) { subset(id: $id) { memberIndices(limit: 3, offset: $o) } }`,
      { id: ok.data!.generateSubsets.at(-1)!.id, o: trainCount - 2 },
      token,
    );
    expect(slice.data!.subset.memberIndices).toHaveLength(2);
    const listed = await api.gql<{ split: { subsets: { size: number }[] } }>(
      `query($id: ID!) { split(id: $id) { subsets { size } } }`,
      { id: splitId },
      token,
    );
    expect(listed.data!.split.subsets).toHaveLength(4);
    expect(await alive()).toBeTruthy();
  });

  it('refuses more subsets per call than the limit, and JSON arguments over the byte cap', async () => {
    const r = await api.gql(
      SUBSETS,
      {
        i: {
          splitId: '00000000-0000-4000-8000-000000000000',
          fractions: Array.from({ length: 3 }, (_, i) => (i + 1) / 10),
          seeds: Array.from({ length: 1000 }, (_, i) => i),
        },
      },
      token,
    );
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seeds' });
    const runs = await count('Run');
    const big = await api.gql(
      `mutation($i: CreateRunInput!) { createRun(input: $i) { id } }`,
      { i: { projectId, name: 'big', params: { blob: 'x'.repeat(SIZE_LIMITS.maxJsonBytes) } } },
      token,
    );
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count('Run')).toBe(runs);
  });
});
