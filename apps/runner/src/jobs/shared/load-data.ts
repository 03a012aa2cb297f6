// Turn the database's description of a split/subset into the arrays the ML core trains on. The split
// assigns each of the dataset's training samples to train (0), val (1) or test (2); a subset lists
// indices into the training samples (mtkd-method.md §1.4–1.5).
import type { PrismaClient } from '@distillery/db';
import type { ArtifactStore } from '@distillery/artifacts';
import { bytesToIndices, indicesOfRole, presetKeyOf, roleSource } from '@distillery/domain';
import { AppError, AppErrorCode, notFound } from '@distillery/errors';
import { resolveDatasetFolder, withoutServerPath } from '@distillery/db/dataset-roots';
import {
  loadDataset,
  loadImageFolder,
  selectSamples,
  type Dataset,
  type LabeledImages,
} from '@distillery/ml';

import type { JobContext } from '../context.ts';
import { loadPackedDataset, type PackedRow } from './load-pack.ts';
import { copySplit, memoDataset } from './memo-dataset.ts';

/** The samples of one training job. */
export interface TrainingData {
  /** What the job needs to know of the dataset; its samples are the splits below. */
  dataset: Pick<Dataset, 'name' | 'shape' | 'classNames'>;
  datasetId: string;
  /** The dataset preset (its augmentation policy). */
  /** null for a folder dataset registered without a preset. */
  presetKey: string | null;
  /** Training samples of the split (the ORIGINAL epoch budget counts these even for a subset). */
  fullTrainCount: number;
  train: LabeledImages;
  val: LabeledImages;
  test: LabeledImages;
}

/** Where a runner reads datasets: packs from the store through its cache, FOLDER data from its roots. */
export interface DataAccess {
  roots: readonly string[];
  artifacts?: ArtifactStore;
  cacheDir?: string;
}

/** The data access of a job. */
export function dataAccessOf(
  ctx: Pick<JobContext, 'datasetRoots' | 'artifacts' | 'datasetCacheDir'>,
): DataAccess {
  return { roots: ctx.datasetRoots, artifacts: ctx.artifacts, cacheDir: ctx.datasetCacheDir };
}

/** What loading needs of a dataset row. */
type DatasetRow = {
  name: string;
  source: string;
  sourceUri: string | null;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
};

/**
 * A FOLDER dataset is read only from inside this runner's dataset roots (symlinks followed), and
 * its errors name the dataset, not the folder: run failure reasons are shown to project members.
 */
async function loadFolderOrPreset(
  key: string | undefined,
  row: DatasetRow,
  roots: readonly string[],
): Promise<Dataset> {
  if (row.source !== 'FOLDER' || !row.sourceUri) {
    if (!key)
      throw new AppError(
        AppErrorCode.CONFIG,
        `dataset ${row.name}: no preset to load it from (source ${row.source})`,
      );
    return memoDataset(`preset:${key}`, () => loadDataset(key));
  }
  const folder = resolveDatasetFolder(roots, row.sourceUri, row.name);
  try {
    // Without a preset the record itself drives loading: its shape and its class order.
    if (!key)
      return await loadImageFolder(folder, {
        name: row.name,
        shape: [row.height, row.width, row.channels],
        classNames: row.classNames,
      });
    return await loadDataset(key, { folder });
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    e.message = withoutServerPath(withoutServerPath(e.message, folder, row.name), row.sourceUri, row.name);
    throw e;
  }
}

function loadPacked(row: PackedRow, access: DataAccess): Promise<Dataset> {
  if (!access.artifacts || !access.cacheDir)
    throw new AppError(
      AppErrorCode.CONFIG,
      `dataset ${row.name} is packed; this loader has no artifact store`,
    );
  const { artifacts, cacheDir } = access;
  // The record's claims are checked against the pack on load: they are part of what was checked.
  const { name, contentHash, height, width, channels, classNames, trainCount, valCount, testCount } = row;
  const key = JSON.stringify([
    contentHash,
    name,
    height,
    width,
    channels,
    classNames,
    trainCount,
    valCount,
    testCount,
  ]);
  return memoDataset(`pack:${key}`, () => loadPackedDataset(row, artifacts, cacheDir));
}

/**
 * Load the dataset behind `splitId` and cut it into train (or the subset), val and test: a packed
 * dataset from the artifact store by its content hash, FOLDER data only from the access's roots.
 * Val is what the split assigns, else the dataset's own val set.
 */
export async function loadTrainingData(
  prisma: PrismaClient,
  splitId: string,
  subsetId: string | null,
  access: DataAccess,
): Promise<TrainingData> {
  const split = await prisma.split.findUnique({ where: { id: splitId }, include: { dataset: true } });
  if (!split) throw notFound('Split', splitId);
  const row = split.dataset;
  const key = presetKeyOf(row);
  const dataset = row.packArtifactId
    ? await loadPacked(row, access)
    : await loadFolderOrPreset(key, row, access.roots);
  const assignment = new Uint8Array(split.assignment);
  if (assignment.length !== dataset.train.count) {
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `split ${split.id} assigns ${assignment.length} samples but dataset ${row.name} has ${dataset.train.count} training samples`,
    );
  }
  let trainIdx = indicesOfRole(assignment, 'TRAIN');
  const fullTrainCount = trainIdx.length;
  if (subsetId) {
    const subset = await prisma.subset.findUnique({ where: { id: subsetId } });
    if (!subset) throw notFound('Subset', subsetId);
    trainIdx = bytesToIndices(new Uint8Array(subset.members));
    const outOfRange = trainIdx.find((i) => i >= dataset.train.count);
    if (outOfRange !== undefined)
      throw new AppError(
        AppErrorCode.DATA_CORRUPT,
        `subset ${subsetId} names sample ${outOfRange}, beyond the dataset`,
      );
  }
  const shape = dataset.shape;
  const roles = { testFraction: split.testFraction, hasOwnVal: Boolean(dataset.val) };
  const cut = (role: 'VAL' | 'TEST'): LabeledImages => {
    const source = roleSource(assignment, role, roles);
    if (source.set === 'train') return selectSamples(dataset.train, source.indices, shape);
    return copySplit(source.set === 'val' ? dataset.val! : dataset.test);
  };
  // Every array a job gets is its own copy: the decoded dataset may be kept for the thread's next job.
  return {
    dataset: { name: dataset.name, shape: [...shape], classNames: [...dataset.classNames] },
    datasetId: row.id,
    presetKey: key ?? null,
    fullTrainCount,
    train: selectSamples(dataset.train, trainIdx, shape),
    val: cut('VAL'),
    test: cut('TEST'),
  };
}
