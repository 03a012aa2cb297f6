import type { JitterConfig, Prng } from '@distillery/domain';
import { aboutCentre, composeAffine, type Affine } from './affine.ts';

/**
 * One random Keras-style transform (ImageDataGenerator.get_random_transform + apply_transform):
 * M = rotation · shift · shear · zoom about the centre, mapping output to input pixels; then an
 * optional horizontal flip. Unlike the original pipeline the result stays uint8 0–255 (no
 * rescale-then-cast, which binarised MNIST).
 */
export function randomJitter(
  cfg: JitterConfig,
  h: number,
  w: number,
  rng: Prng,
): { m: Affine; flip: boolean } {
  const theta = (rng.uniform(-cfg.rotation, cfg.rotation) * Math.PI) / 180;
  const tx = rng.uniform(-cfg.heightShift, cfg.heightShift) * h;
  const ty = rng.uniform(-cfg.widthShift, cfg.widthShift) * w;
  const shear = (rng.uniform(-cfg.shear, cfg.shear) * Math.PI) / 180;
  const zx = rng.uniform(1 - cfg.zoom, 1 + cfg.zoom);
  const zy = rng.uniform(1 - cfg.zoom, 1 + cfg.zoom);
  const flip = cfg.horizontalFlip && rng.next() < 0.5;
  const rot: Affine = [Math.cos(theta), -Math.sin(theta), 0, Math.sin(theta), Math.cos(theta), 0];
  const shift: Affine = [1, 0, tx, 0, 1, ty];
  const sh: Affine = [1, -Math.sin(shear), 0, 0, Math.cos(shear), 0];
  const zm: Affine = [zx, 0, 0, 0, zy, 0];
  const m = composeAffine(composeAffine(composeAffine(rot, shift), sh), zm);
  return { m: aboutCentre(m, h, w), flip };
}
