// Which dataset sample the i-th row of a stored prediction is, and its pixels: the prediction's order
// is the split role's (roleSource, the order the runner predicted in), the pixels come from the
// dataset's pack (train, then val, then test). Only packed datasets have images here: the API reads no
// FOLDER tree and loads no package dataset (that would take the ML core's decoders into the API).
import { roleSource, type SplitRole } from '@distillery/domain';
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { loadRun } from '../run/run-access.ts';

/** What serving one sample image may cost. */
export const SAMPLE_LIMITS = {
  /** Largest image served (H × W); bigger samples are listed without images. */
  maxPixels: 1024 * 1024,
  /** Largest pack held in memory to serve from; bigger datasets are listed without images. */
  maxPackBytes: 1024 ** 3,
} as const;

type DatasetRow = {
  id: string;
  name: string;
  packArtifactId: string | null;
  contentHash: string;
  height: number;
  width: number;
  channels: number;
  trainCount: number;
  valCount: number;
  testCount: number;
};

/** The path of sample `index` of a run's final predictions on `role` (the API route and the dashboard's proxy). */
export function samplePath(runId: string, role: SplitRole, index: number): string {
  return `/samples/${runId}/${role}/${index}.png`;
}

/** Whether the API serves this dataset's samples as images (packed, 1 or 3 channels, within the limits). */
export function viewableAsImage(d: DatasetRow): boolean {
  const samples = d.trainCount + d.valCount + d.testCount;
  return (
    d.packArtifactId !== null &&
    (d.channels === 1 || d.channels === 3) &&
    d.height * d.width <= SAMPLE_LIMITS.maxPixels &&
    samples * d.height * d.width * d.channels <= SAMPLE_LIMITS.maxPackBytes
  );
}

const ROLES = new Set<string>(['TRAIN', 'VAL', 'TEST']);

/** One sample's pixels, for a caller who may read the run (VIEWER); NOT_FOUND for what is not there. */
export async function samplePixels(ctx: Context, runIdRaw: string, roleRaw: string, indexRaw: string) {
  if (!ROLES.has(roleRaw)) throw badInput('splitRole', roleRaw, 'must be TRAIN, VAL or TEST');
  const role = roleRaw as SplitRole;
  if (!/^\d{1,9}$/.test(indexRaw)) throw badInput('index', indexRaw, 'must be a sample index');
  const index = Number(indexRaw);
  const run = await loadRun(ctx, runIdRaw, 'VIEWER');
  if (run.deletedAt) throw notFound('Run', run.id);
  const p = await ctx.deps.prisma.prediction.findFirst({
    where: { runId: run.id, splitRole: role, checkpoint: { kind: 'FINAL' } },
    orderBy: { createdAt: 'desc' },
    select: { samples: true, split: { select: { id: true, testFraction: true, dataset: true } } },
  });
  if (!p) throw new AppError(AppErrorCode.NOT_FOUND, `run ${run.id} stored no final ${role} predictions`);
  if (index >= p.samples)
    throw new AppError(AppErrorCode.NOT_FOUND, `${role} has ${p.samples} samples, not sample ${index}`);
  const d = p.split.dataset;
  if (!viewableAsImage(d))
    throw new AppError(AppErrorCode.NOT_FOUND, `dataset ${d.name} has no sample images this API serves`);
  const { assignment } = await ctx.deps.prisma.split.findUniqueOrThrow({
    where: { id: p.split.id },
    select: { assignment: true },
  });
  const source = roleSource(new Uint8Array(assignment), role, {
    testFraction: p.split.testFraction,
    hasOwnVal: d.valCount > 0,
  });
  const roleCount =
    source.set === 'train' ? source.indices.length : source.set === 'val' ? d.valCount : d.testCount;
  const at =
    source.set === 'train'
      ? source.indices[index]
      : index + d.trainCount + (source.set === 'test' ? d.valCount : 0);
  const pack = await ctx.deps.samplePacks.get(d.contentHash);
  const { shape, counts } = pack.header;
  if (
    at === undefined ||
    roleCount !== p.samples ||
    assignment.byteLength !== d.trainCount ||
    [shape.join(), counts.train, counts.val, counts.test].join() !==
      [[d.height, d.width, d.channels].join(), d.trainCount, d.valCount, d.testCount].join()
  )
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `dataset ${d.name}: the split or the record no longer matches its pack`,
    );
  const size = d.height * d.width * d.channels;
  return {
    pixels: pack.pixels.subarray(at * size, (at + 1) * size),
    width: d.width,
    height: d.height,
    channels: d.channels as 1 | 3,
    etag: `"${d.contentHash.slice(0, 32)}-${at}"`,
  };
}
