import * as tf from '@tensorflow/tfjs';
import type { ImageShape } from '../data/types.ts';
import type { OutputSource } from '../distill/teachers.ts';
import { imagesToTensor } from './sample-stream.ts';

/**
 * Teacher outputs z_k of one batch as plain arrays, for an executor that does not run the teachers
 * itself: the host teachers see exactly the pixels the executor trains on.
 */
export function hostTeacherLogits(
  source: OutputSource,
  images: Uint8Array,
  count: number,
  shape: ImageShape,
  indices: Uint32Array,
): Float32Array[] {
  const outs = tf.tidy(() => source.outputs(imagesToTensor(images, count, shape), indices));
  const arrays = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  return arrays;
}
