import * as tf from '@tensorflow/tfjs';
import { augmentBatch, type AugmentConfig } from '../augment/augment-batch.ts';
import { imageSize, type ImageShape, type LabeledImages } from '../data/types.ts';
import { deriveSeed, Prng } from '@distillery/domain';

/**
 * The training sample order as an endless stream: pass q over the data is a permutation seeded by
 * (seed, q), and batches are consecutive runs of it (crossing pass boundaries, as a Keras generator
 * with `steps_per_epoch` larger than one pass does). The whole state is one integer, the position.
 */
export class SampleStream {
  private pass = -1;
  private perm: Uint32Array = new Uint32Array(0);

  constructor(
    private readonly n: number,
    private readonly seed: number,
  ) {}

  /** Indices of the batch that starts at `position` (written into `out` when given). */
  indices(position: number, batchSize: number, out: Uint32Array = new Uint32Array(batchSize)): Uint32Array {
    for (let k = 0; k < batchSize; k++) {
      const p = position + k;
      const q = Math.floor(p / this.n);
      if (q !== this.pass) {
        this.pass = q;
        this.perm = new Prng(deriveSeed(this.seed, 0x5eed, q)).permutation(this.n);
      }
      out[k] = this.perm[p % this.n]!;
    }
    return out;
  }
}

/** Gather samples into uint8 images and labels (into `into`'s arrays when given). */
export function gatherBatch(
  data: LabeledImages,
  idx: ArrayLike<number>,
  shape: ImageShape,
  into?: { images: Uint8Array; labels: Int32Array },
): { images: Uint8Array; labels: Int32Array } {
  const size = imageSize(shape);
  const images = into?.images ?? new Uint8Array(idx.length * size);
  const labels = into?.labels ?? new Int32Array(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    images.set(data.images.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = data.labels[i]!;
  }
  return { images, labels };
}

/** float32 N×H×W×C tensor of pixel values 0–255 (the model rescales). */
export function imagesToTensor(images: Uint8Array, count: number, shape: ImageShape): tf.Tensor4D {
  return tf.tensor4d(Float32Array.from(images), [count, ...shape]);
}

/** Arrays one training batch is gathered into, reused step after step. */
export interface BatchBuffers {
  images: Uint8Array;
  labels: Int32Array;
  indices: Uint32Array;
}

/**
 * Buffers for batches of `batchSize`. A training loop allocating ~100 KB of typed arrays per step
 * (hundreds of steps a second, ~25 MB/s of external memory) drove V8 into a major collection about
 * every half second in a runner's job thread (`--trace-gc`); with one set of buffers none ran while
 * it trained.
 */
export function batchBuffers(batchSize: number, shape: ImageShape): BatchBuffers {
  return {
    images: new Uint8Array(batchSize * imageSize(shape)),
    labels: new Int32Array(batchSize),
    indices: new Uint32Array(batchSize),
  };
}

/**
 * The training batch at `position`: its rows, labels and pixels, augmented with a seed derived from
 * (seed, step). With `buffers` the arrays are overwritten by the next call: the caller consumes the
 * batch before asking for another.
 */
export function trainingPixels(
  stream: SampleStream,
  data: LabeledImages,
  shape: ImageShape,
  position: number,
  batchSize: number,
  augment: AugmentConfig | null,
  seed: number,
  step: number,
  buffers?: BatchBuffers,
): { images: Uint8Array; labels: Int32Array; indices: Uint32Array } {
  const indices = stream.indices(position, batchSize, buffers?.indices);
  const { images, labels } = gatherBatch(data, indices, shape, buffers);
  const pixels = isAugmenting(augment)
    ? augmentBatch(images, batchSize, shape, augment, deriveSeed(seed, 0xa06, step))
    : images;
  return { images: pixels, labels, indices };
}

/** Whether a config changes any pixel (no jitter and n = 0 is the identity). */
export function isAugmenting(augment: AugmentConfig | null | undefined): augment is AugmentConfig {
  return Boolean(augment && (augment.jitter || augment.randAugmentN > 0));
}
