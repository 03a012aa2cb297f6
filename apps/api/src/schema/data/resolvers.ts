import type { Resolvers } from '../../generated/resolvers-types.ts';
import {
  createSplit,
  generateSubsets,
  getDataset,
  getSplit,
  getSubset,
  listDatasets,
  registerDataset,
} from '../../modules/data/data.service.ts';
import { bytesToIndices, DATASET_PRESETS } from '@distillery/domain';
import { requireUser } from '../../modules/auth/roles.ts';
import { pageSize } from '../../limits/paging.ts';
import { SIZE_LIMITS } from '../../limits/sizes.ts';
import { badInput } from '@distillery/errors';
import { datasetSplitMethods } from '../../modules/data/split-methods.ts';
import { loadOrThrow } from '../../loaders/batch.ts';

export const dataResolvers: Resolvers = {
  Query: {
    datasetPresets: () =>
      Object.values(DATASET_PRESETS).map((p) => ({
        key: p.key,
        height: p.shape[0],
        width: p.shape[1],
        channels: p.shape[2],
        classNames: [...p.classNames],
        trainCount: p.trainCount,
        testCount: p.testCount,
      })),
    datasets: (_p, a, ctx) => listDatasets(ctx, a.projectId),
    dataset: (_p, a, ctx) => getDataset(ctx, a.id),
    split: (_p, a, ctx) => getSplit(ctx, a.id),
    subset: (_p, a, ctx) => getSubset(ctx, a.id),
    architectures: (_p, _a, ctx) => {
      requireUser(ctx);
      return ctx.deps.prisma.architecture.findMany({ orderBy: { key: 'asc' } });
    },
  },
  Mutation: {
    registerDataset: (_p, a, ctx) => registerDataset(ctx, a.input),
    createSplit: (_p, a, ctx) => createSplit(ctx, a.input),
    generateSubsets: (_p, a, ctx) => generateSubsets(ctx, a.input),
  },
  Dataset: {
    groupCount: (d) => d.groupNames?.length ?? 0,
    splitMethods: (d) => datasetSplitMethods(d as never),
    pack: (d, _a, ctx) => (d.packArtifactId ? ctx.loaders.artifact.load(d.packArtifactId) : null),
    splits: (d, _a, ctx) => ctx.loaders.splitsOfDataset.load(d.id!),
  },
  Split: {
    dataset: (s, _a, ctx) => loadOrThrow(ctx.loaders.dataset, 'Dataset', s.datasetId!),
    subsets: (s, _a, ctx) => ctx.loaders.subsetsOfSplit.load(s.id!),
  },
  Subset: {
    split: (s, _a, ctx) => loadOrThrow(ctx.loaders.split, 'Split', s.splitId!),
    memberIndices: async (s, a, ctx) => {
      const offset = a.offset ?? 0;
      if (!Number.isInteger(offset) || offset < 0 || offset > SIZE_LIMITS.maxSamples)
        throw badInput('offset', offset, `must be an integer from 0 to ${SIZE_LIMITS.maxSamples}`);
      const limit = pageSize(a.limit ?? 100, 'limit', 10_000);
      const [slice] = await ctx.loaders.memberSlices.load([s.id!, `${offset}:${limit}`]);
      return Array.from(bytesToIndices(slice?.m ?? new Uint8Array()));
    },
  },
};
