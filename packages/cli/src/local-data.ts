// Datasets read on this machine: to hash them before registering, to draw stratified splits (the
// API has no labels), and to read or write the original subset CSVs (which name files, not indices).
// The ML package (TensorFlow.js) is imported lazily: most commands never need it and start faster.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';

import type { DatasetFieldsFragment } from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import { buildPack } from '@distillery/artifacts/dataset-pack';
import { getDatasetPreset, NO_GROUP, presetKeyOf, type ImageShape } from '@distillery/domain';
import type * as Ml from '@distillery/ml';
import type { Dataset } from '@distillery/ml';

/** Built-in sources `datasets import` accepts besides a folder, with their preset key and API source. */
export const BUILTIN_SOURCES: Record<
  string,
  { preset: string; source: 'MNIST' | 'FASHION_MNIST'; name: string }
> = {
  mnist: { preset: 'mnist', source: 'MNIST', name: 'mnist' },
  'fashion-mnist': { preset: 'fmnist', source: 'FASHION_MNIST', name: 'fashion-mnist' },
  fmnist: { preset: 'fmnist', source: 'FASHION_MNIST', name: 'fashion-mnist' },
};

/** The ML package, loaded on first use. */
export function ml(): Promise<typeof Ml> {
  return import('@distillery/ml');
}

/** SHA-256 over train images, train labels, test images and test labels (the API's contentHash). */
export function contentHashOf(ds: Dataset): string {
  const h = createHash('sha256');
  for (const part of [ds.train, ...(ds.val ? [ds.val] : []), ds.test]) {
    h.update(part.images);
    h.update(new Uint8Array(part.labels.buffer, part.labels.byteOffset, part.labels.byteLength));
  }
  return h.digest('hex');
}

/**
 * The dataset pack of a loaded dataset (packages/artifacts/src/dataset-pack.ts): what `datasets import`
 * uploads and whose SHA-256 is the contentHash. `groupPattern` names each sample's group: the first
 * capture group (or the whole match) of the regex on its id `<name>/<role>/<class>/<file>`.
 */
export function packOf(
  ds: Dataset,
  groupPattern?: string,
  groupsOptional = false,
): ReturnType<typeof buildPack> {
  const parts = [ds.train, ...(ds.val ? [ds.val] : []), ds.test];
  const ids = parts.flatMap((p) => p.ids);
  let re: RegExp | undefined;
  try {
    re = groupPattern ? new RegExp(groupPattern) : undefined;
  } catch (e) {
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `--group-pattern: ${(e as Error).message}`);
  }
  const groupNames: string[] = [];
  const index = new Map<string, number>();
  const groups = ids.map((id) => {
    const m = re?.exec(id);
    const g = m ? (m[1] ?? m[0]) : undefined;
    if (!g) return NO_GROUP;
    if (!index.has(g)) index.set(g, groupNames.push(g) - 1);
    return index.get(g)!;
  });
  if (re && groupNames.length === 0 && !groupsOptional)
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      `--group-pattern ${groupPattern} matches no sample id (e.g. ${ids[0]})`,
    );
  return buildPack({
    header: {
      name: ds.name.slice(0, 200),
      shape: ds.shape as [number, number, 1 | 3],
      classNames: ds.classNames,
      groupNames,
      counts: { train: ds.train.count, val: ds.val?.count ?? 0, test: ds.test.count },
      ids,
    },
    labels: parts.flatMap((p) => Array.from(p.labels)),
    groups,
    pixels: parts.map((p) => p.images),
  });
}

/** Parse `28x28x1` into an image shape. */
export function parseShape(s: string): ImageShape {
  const m = /^(\d+)x(\d+)x([134])$/.exec(s);
  if (!m)
    throw new AppError(
      AppErrorCode.BAD_USER_INPUT,
      `--shape must look like 28x28x1 (height x width x channels), got "${s}"`,
    );
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Load a folder (`train|val|test/<class>/<file>`) with a preset's shape or an explicit one. */
export async function loadFolder(
  folder: string,
  options: { preset?: string; shape?: string },
): Promise<Dataset> {
  const abs = resolve(folder);
  const { loadDataset, loadImageFolder } = await ml();
  if (options.preset) return loadDataset(options.preset, { folder: abs });
  if (!options.shape)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, 'a folder needs --preset <key> or --shape HxWxC');
  return loadImageFolder(abs, { name: basename(abs), shape: parseShape(options.shape) });
}

/** A packed dataset's pack, downloaded through the API with the caller's token and checked against its hash. */
async function fetchPacked(
  row: { name: string; contentHash: string; pack: { downloadUrl: string } },
  token: string | undefined,
): Promise<Dataset> {
  const res = await fetch(row.pack.downloadUrl, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok)
    throw new AppError(
      AppErrorCode.NOT_FOUND,
      `dataset ${row.name}: pack download answered HTTP ${res.status}`,
    );
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (createHash('sha256').update(bytes).digest('hex') !== row.contentHash)
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `dataset ${row.name}: the downloaded pack does not match its contentHash`,
    );
  return (await ml()).datasetFromPack(bytes, row.name).dataset;
}

/** Load the samples behind a registered dataset the way the runner does (a pack through the API). */
export async function loadRegistered(
  row: Pick<
    DatasetFieldsFragment,
    'name' | 'preset' | 'source' | 'sourceUri' | 'height' | 'width' | 'channels' | 'contentHash'
  > & { pack?: { downloadUrl: string } | null },
  token?: string,
): Promise<Dataset> {
  if (row.pack) return fetchPacked({ ...row, pack: row.pack }, token);
  const { loadDataset, loadImageFolder } = await ml();
  const key = presetKeyOf(row);
  if (row.source === 'FOLDER' && row.sourceUri) {
    if (key) return loadDataset(key, { folder: row.sourceUri });
    return loadImageFolder(row.sourceUri, {
      name: basename(row.sourceUri),
      shape: [row.height, row.width, row.channels],
    });
  }
  if (!key)
    throw new AppError(AppErrorCode.CONFIG, `dataset ${row.name}: no preset or folder to load it from`);
  getDatasetPreset(key);
  return loadDataset(key);
}

/** Where `datasets import --per-class` writes sample folders: $XDG_DATA_HOME/distillery/datasets. */
export function dataDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'distillery', 'datasets');
}

/**
 * Write a class-balanced sample of a dataset as an image folder (`train|test/<class>/<index>.png`,
 * the file name being the sample's index in the full set): the first `perClass` training and
 * `testPerClass` test images of each class. Runners on this machine load it like any folder dataset.
 */
export async function writeSampleFolder(
  ds: Dataset,
  dir: string,
  perClass: number,
  testPerClass: number,
): Promise<void> {
  const { default: sharp } = await import('sharp');
  const [height, width, channels] = ds.shape;
  const size = height * width * channels;
  for (const [split, data, n] of [
    ['train', ds.train, perClass],
    ['test', ds.test, testPerClass],
  ] as const) {
    const taken = new Array<number>(ds.classNames.length).fill(0);
    const writes: Promise<unknown>[] = [];
    for (const name of ds.classNames) mkdirSync(join(dir, split, name), { recursive: true });
    for (let i = 0; i < data.count; i++) {
      const c = data.labels[i]!;
      if (taken[c]! >= n) continue;
      taken[c]!++;
      const pixels = Buffer.from(data.images.subarray(i * size, (i + 1) * size));
      writes.push(
        sharp(pixels, { raw: { width, height, channels: channels as 1 | 3 } })
          .png()
          .toFile(join(dir, split, ds.classNames[c]!, `${i}.png`)),
      );
      if (writes.length >= 64) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  }
}
