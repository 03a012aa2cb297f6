import type { ImageShape } from '@distillery/domain';

/** Image shape (height, width, channels); its home is @distillery/domain. */
export type { ImageShape };

/** N images as uint8 N×H×W×C (NHWC), their integer labels and stable sample ids. */
export interface LabeledImages {
  images: Uint8Array;
  labels: Int32Array;
  count: number;
  /**
   * One id per sample, in the original CSV's `filename` form `<dataset>/<split>/<class>/<file>`:
   * real file names for folder datasets, `<index>.png` for IDX datasets.
   */
  ids: string[];
}

/** A dataset with ONE class order shared by every split and subset (the original sorted each split separately). */
export interface Dataset {
  name: string;
  shape: ImageShape;
  classNames: string[];
  train: LabeledImages;
  /** Present when the source has a validation split (folder datasets); else make one with `splitTrainVal`. */
  val?: LabeledImages;
  test: LabeledImages;
}

/** Number of values in one image. */
export function imageSize(shape: ImageShape): number {
  return shape[0] * shape[1] * shape[2];
}

/** Build sample ids `<dataset>/<split>/<class>/<index>.png` for datasets that have no file names. */
export function syntheticIds(
  dataset: string,
  split: string,
  labels: Int32Array,
  classNames: string[],
): string[] {
  return Array.from(labels, (l, i) => `${dataset}/${split}/${classNames[l]}/${i}.png`);
}

/** Select samples by index (copies). */
export function selectSamples(
  data: LabeledImages,
  indices: ArrayLike<number>,
  shape: ImageShape,
): LabeledImages {
  const size = imageSize(shape);
  const images = new Uint8Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  const ids: string[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    images.set(data.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = data.labels[i]!;
    ids.push(data.ids[i]!);
  }
  return { images, labels, count: indices.length, ids };
}
