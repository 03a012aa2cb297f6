import { Prng, type JitterConfig } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import type { ImageShape } from '../data/types.ts';
import { warpAffine } from './affine.ts';
import { randomJitter } from './jitter.ts';
import { randAugmentImage, RAND_AUGMENT_M_MAX } from './rand-augment.ts';

/** Training-time augmentation: the dataset's jitter, then RandAugment(n, m). */
export interface AugmentConfig {
  jitter: JitterConfig | null;
  randAugmentN: number;
  /** Magnitude on imgaug's 0–30 scale. */
  randAugmentM: number;
}

/** Check an augmentation config; throws BAD_USER_INPUT naming the field. */
export function validateAugment(cfg: AugmentConfig): void {
  if (!Number.isInteger(cfg.randAugmentN) || cfg.randAugmentN < 0)
    throw badInput('randAugmentN', cfg.randAugmentN, 'must be an integer ≥ 0');
  if (!(cfg.randAugmentM >= 0 && cfg.randAugmentM <= RAND_AUGMENT_M_MAX)) {
    throw badInput('randAugmentM', cfg.randAugmentM, `must be in [0, ${RAND_AUGMENT_M_MAX}]`);
  }
}

/**
 * Augment a batch of uint8 NHWC images (returns a new array; training batches only). The result
 * depends only on the pixels, the config and `seed`, so a resumed run sees the same batches.
 */
export function augmentBatch(
  images: Uint8Array,
  count: number,
  shape: ImageShape,
  cfg: AugmentConfig,
  seed: number,
): Uint8Array {
  const [h, w, c] = shape;
  const size = h * w * c;
  const rng = new Prng(seed);
  const out = new Uint8Array(count * size);
  const tmp = new Uint8Array(size);
  for (let i = 0; i < count; i++) {
    let img = images.subarray(i * size, (i + 1) * size);
    if (cfg.jitter) {
      const { m, flip } = randomJitter(cfg.jitter, h, w, rng);
      warpAffine(
        img,
        h,
        w,
        c,
        flip ? [m[0], -m[1], m[2] + m[1] * (w - 1), m[3], -m[4], m[5] + m[4] * (w - 1)] : m,
        'nearest',
        tmp,
      );
      img = tmp;
    }
    if (cfg.randAugmentN > 0) img = randAugmentImage(img, h, w, c, cfg.randAugmentN, cfg.randAugmentM, rng);
    out.set(img, i * size);
  }
  return out;
}
