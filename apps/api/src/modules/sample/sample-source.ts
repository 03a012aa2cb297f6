// Which dataset sample the i-th row of a stored prediction is, and its pixels: the prediction's order
// is the split role's (roleSource, the order the runner predicted in), and the pixels come from where the
// runner read the dataset: its pack (train, then val, then test), or for MNIST and Fashion-MNIST
// registered as presets, their IDX files (train, then t10k as the test set). FOLDER trees and presets
// with no IDX copy have no images here: the API reads no folders and loads no ML-core decoders.
import { idxFilesPresent, idxPresetOf, type IdxPresetKey } from '@distillery/artifacts/idx';
import { DATASET_PRESETS, presetKeyOf, roleSource, type SplitRole } from '@distillery/domain';
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
  preset: string | null;
  source: string;
  sourceUri: string | null;
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

/**
 * The IDX preset a runner loads this dataset from (load-data: not packed, not a FOLDER tree, a preset
 * with an IDX copy), when the record has the preset's own shape and counts and the files are on this
 * host (Fashion-MNIST needs the Debian package); undefined otherwise.
 */
function idxCopyOf(d: DatasetRow): IdxPresetKey | undefined {
  if (d.packArtifactId !== null || (d.source === 'FOLDER' && d.sourceUri)) return undefined;
  const key = presetKeyOf(d);
  const idx = key === undefined ? undefined : idxPresetOf(key);
  if (!key || !idx) return undefined;
  const p = DATASET_PRESETS[key]!;
  const own = [...p.shape, p.trainCount, 0, p.testCount].join();
  if ([d.height, d.width, d.channels, d.trainCount, d.valCount, d.testCount].join() !== own) return undefined;
  return idxFilesPresent(idx) ? idx : undefined;
}

/** Whether the API serves this dataset's samples as images (packed within the limits, or an IDX preset). */
export function viewableAsImage(d: DatasetRow): boolean {
  const samples = d.trainCount + d.valCount + d.testCount;
  const packed =
    d.packArtifactId !== null &&
    (d.channels === 1 || d.channels === 3) &&
    d.height * d.width <= SAMPLE_LIMITS.maxPixels &&
    samples * d.height * d.width * d.channels <= SAMPLE_LIMITS.maxPackBytes;
  return packed || idxCopyOf(d) !== undefined;
}

const mismatch = (d: DatasetRow) =>
  new AppError(
    AppErrorCode.DATA_CORRUPT,
    `dataset ${d.name}: the split or the record no longer matches its pixels`,
  );

/** The pixels of one whole set (train, val or test) of a dataset this API serves images of. */
async function setPixels(ctx: Context, d: DatasetRow, set: 'train' | 'val' | 'test'): Promise<Uint8Array> {
  const idx = idxCopyOf(d);
  if (idx) {
    const held = await ctx.deps.samples.idx(idx);
    if (held.train.count !== d.trainCount || held.test.count !== d.testCount || set === 'val')
      throw mismatch(d);
    return set === 'train' ? held.train.images : held.test.images;
  }
  const pack = await ctx.deps.samples.pack(d.contentHash);
  const { shape, counts } = pack.header;
  if (
    [shape.join(), counts.train, counts.val, counts.test].join() !==
    [[d.height, d.width, d.channels].join(), d.trainCount, d.valCount, d.testCount].join()
  )
    throw mismatch(d);
  const first = set === 'train' ? 0 : d.trainCount + (set === 'test' ? d.valCount : 0);
  return pack.pixels.subarray(first * d.height * d.width * d.channels);
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
  const at = source.set === 'train' ? source.indices[index] : index;
  if (at === undefined || roleCount !== p.samples || assignment.byteLength !== d.trainCount)
    throw mismatch(d);
  const pixels = await setPixels(ctx, d, source.set);
  const size = d.height * d.width * d.channels;
  return {
    pixels: pixels.subarray(at * size, (at + 1) * size),
    width: d.width,
    height: d.height,
    channels: d.channels as 1 | 3,
    etag: `"${d.contentHash.slice(0, 32)}-${source.set}-${at}"`,
  };
}
