import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { DATASET_PRESETS } from '@distillery/domain';
import { loadMnist } from '../data/mnist.ts';
import { augmentBatch, validateAugment } from './augment-batch.ts';
import { augmentationFor } from './policy.ts';
import { RAND_AUGMENT_OPS, randAugmentImage } from './rand-augment.ts';
import { Prng } from '@distillery/domain';

const mnist = loadMnist({ verify: false });
const batch = mnist.train.images.subarray(0, 16 * 784);
const jitter = DATASET_PRESETS.mnist!.jitter;

describe('augmentation', () => {
  it('is a pure function of the pixels, the config and the seed', () => {
    const cfg = { jitter, randAugmentN: 3, randAugmentM: 7 };
    const a = augmentBatch(batch, 16, [28, 28, 1], cfg, 123);
    const b = augmentBatch(batch, 16, [28, 28, 1], cfg, 123);
    const c = augmentBatch(batch, 16, [28, 28, 1], cfg, 124);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(batch))).toBe(false);
  });

  it('keeps MNIST grey levels (no binarisation) and, with jitter only, stays close to the original', () => {
    const out = augmentBatch(batch, 16, [28, 28, 1], { jitter, randAugmentN: 0, randAugmentM: 0 }, 5);
    expect(new Set(out).size).toBeGreaterThan(100);
    let diff = 0;
    for (let i = 0; i < out.length; i++) diff += Math.abs(out[i]! - batch[i]!);
    // rotation ≤ 5°, shift ≤ 0.56 px: the mean absolute change is far below a digit's contrast.
    expect(diff / out.length).toBeLessThan(20);
  });

  it('every RandAugment op keeps the shape and uint8 range for gray and RGB images', () => {
    const rng = new Prng(1);
    const rgb = Uint8Array.from({ length: 32 * 32 * 3 }, () => rng.int(256));
    for (const [name, op] of Object.entries(RAND_AUGMENT_OPS)) {
      for (const [img, c] of [
        [batch.subarray(0, 784), 1],
        [rgb, 3],
      ] as const) {
        const h = c === 1 ? 28 : 32;
        const out = op(img, h, h, c, 1, new Prng(2));
        expect(out.length, name).toBe(img.length);
        expect(out instanceof Uint8Array, name).toBe(true);
      }
    }
    const a = randAugmentImage(rgb, 32, 32, 3, 2, 30, new Prng(3));
    expect(Buffer.from(a).equals(Buffer.from(randAugmentImage(rgb, 32, 32, 3, 2, 30, new Prng(3))))).toBe(
      true,
    );
  });

  it('takes the dataset jitter and the architecture RandAugment for a pair', () => {
    expect(augmentationFor('fmnist', 'resnet50_v2_aug3')).toEqual({
      jitter: { ...jitter, horizontalFlip: true },
      randAugmentN: 3,
      randAugmentM: 3,
    });
    expect(augmentationFor('cifar10', 'test').jitter).toBeNull();
  });

  it('rejects a magnitude outside imgaug’s 0–30 scale', () => {
    expect(() => validateAugment({ jitter: null, randAugmentN: 2, randAugmentM: 31 })).toThrow(
      expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field: 'randAugmentM' }),
    );
  });
});
