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
import { bytesToIndices } from '../../modules/data/sampling.ts';
import { requireUser } from '../../auth/roles.ts';
import { pageSize } from '../../limits/paging.ts';
import { badInput } from '@distillery/errors';

export const dataResolvers: Resolvers = {
  Query: {
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
    splits: (d, _a, ctx) =>
      ctx.deps.prisma.split.findMany({ where: { datasetId: d.id! }, orderBy: { createdAt: 'asc' } }),
  },
  Split: {
    dataset: (s, _a, ctx) => ctx.deps.prisma.dataset.findUniqueOrThrow({ where: { id: s.datasetId! } }),
    subsets: (s, _a, ctx) =>
      ctx.deps.prisma.subset.findMany({
        where: { splitId: s.id! },
        orderBy: [{ fraction: 'asc' }, { seed: 'asc' }],
      }),
  },
  Subset: {
    split: (s, _a, ctx) => ctx.deps.prisma.split.findUniqueOrThrow({ where: { id: s.splitId! } }),
    memberIndices: (s, a) => {
      const members = (s as { members?: Uint8Array }).members ?? new Uint8Array();
      const offset = a.offset ?? 0;
      if (!Number.isInteger(offset) || offset < 0)
        throw badInput('offset', offset, 'must be a non-negative integer');
      return Array.from(
        bytesToIndices(members).subarray(offset, offset + pageSize(a.limit ?? 100, 'limit', 10_000)),
      );
    },
  },
};
