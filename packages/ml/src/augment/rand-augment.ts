import type { Prng } from '@distillery/domain';
import { aboutCentre, warpAffine, type Affine } from './affine.ts';

/** imgaug's RandAugment magnitude scale: m runs from 0 to 30 (`RandAugment._M_MAX`). */
export const RAND_AUGMENT_M_MAX = 30;
/** imgaug's default `cval`: fill colour of geometric ops and cutout. */
const FILL = 128;

type Op = (img: Uint8Array, h: number, w: number, c: number, level: number, rng: Prng) => Uint8Array;

const lut = (img: Uint8Array, f: (v: number) => number): Uint8Array => {
  const table = Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, Math.max(0, Math.round(f(v)))));
  return img.map((v) => table[v]!);
};
const blend = (a: Uint8Array, b: Uint8Array | number, factor: number): Uint8Array =>
  a.map((v, i) =>
    Math.min(
      255,
      Math.max(
        0,
        Math.round((typeof b === 'number' ? b : b[i]!) + factor * (v - (typeof b === 'number' ? b : b[i]!))),
      ),
    ),
  );
/** ±1 with equal probability: imgaug/PIL ops with a direction draw it per image. */
const sign = (rng: Prng) => (rng.next() < 0.5 ? -1 : 1);
/** PIL ImageEnhance factor for level ℓ ∈ [0, 1]: 1 ± 0.9ℓ (0.1–1.9 as in the RandAugment paper). */
const enhance = (level: number, rng: Prng) => 1 + sign(rng) * 0.9 * level;

function warp(img: Uint8Array, h: number, w: number, c: number, m: Affine): Uint8Array {
  const out = new Uint8Array(img.length);
  warpAffine(img, h, w, c, aboutCentre(m, h, w), FILL, out);
  return out;
}

function perChannel(
  img: Uint8Array,
  c: number,
  f: (values: Uint8Array, k: number) => (v: number) => number,
): Uint8Array {
  const out = new Uint8Array(img.length);
  for (let k = 0; k < c; k++) {
    const ch = img.filter((_, i) => i % c === k);
    const map = f(ch, k);
    for (let i = k; i < img.length; i += c) out[i] = Math.min(255, Math.max(0, Math.round(map(img[i]!))));
  }
  return out;
}

function grey(img: Uint8Array, c: number): Uint8Array {
  if (c === 1) return img;
  const out = new Uint8Array(img.length);
  for (let i = 0; i < img.length; i += c) {
    const l = 0.299 * img[i]! + 0.587 * img[i + 1]! + 0.114 * img[i + 2]!;
    for (let k = 0; k < c; k++) out[i + k] = Math.round(l);
  }
  return out;
}

/** The 3×3 smoothing PIL's sharpness enhancer blends against (centre weight 5, sum 13). */
function smooth(img: Uint8Array, h: number, w: number, c: number): Uint8Array {
  const out = Uint8Array.from(img);
  for (let r = 1; r < h - 1; r++)
    for (let col = 1; col < w - 1; col++)
      for (let k = 0; k < c; k++) {
        let s = 4 * img[(r * w + col) * c + k]!;
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++) s += img[((r + dr) * w + col + dc) * c + k]!;
        out[(r * w + col) * c + k] = Math.round(s / 13);
      }
  return out;
}

/**
 * The main operations of imgaug 0.4 `RandAugment` (Cubuk et al. 2020), each at level ℓ = m / 30:
 * rotate ±30ℓ°, shear ±0.3ℓ, translate ±0.33ℓ of the size, posterize to 8 − ⌊4ℓ⌋ bits, solarize
 * above 256(1 − ℓ), colour/contrast/brightness/sharpness factor 1 ± 0.9ℓ, cutout of side 0.2ℓ.
 */
export const RAND_AUGMENT_OPS: Record<string, Op> = {
  identity: (img) => img,
  autocontrast: (img, _h, _w, c) =>
    perChannel(img, c, (ch) => {
      const lo = ch.reduce((a, b) => Math.min(a, b), 255);
      const hi = ch.reduce((a, b) => Math.max(a, b), 0);
      return hi > lo ? (v) => ((v - lo) * 255) / (hi - lo) : (v) => v;
    }),
  equalize: (img, _h, _w, c) =>
    perChannel(img, c, (ch) => {
      const hist = new Float64Array(256);
      ch.forEach((v) => hist[v]!++);
      const cdf = new Float64Array(256);
      let acc = 0;
      hist.forEach((n, v) => (cdf[v] = acc += n));
      const min = cdf.find((v) => v > 0) ?? 0;
      return ch.length > min ? (v) => ((cdf[v]! - min) * 255) / (ch.length - min) : (v) => v;
    }),
  invert: (img) => lut(img, (v) => 255 - v),
  rotate: (img, h, w, c, l, rng) => {
    const t = (sign(rng) * 30 * l * Math.PI) / 180;
    return warp(img, h, w, c, [Math.cos(t), -Math.sin(t), 0, Math.sin(t), Math.cos(t), 0]);
  },
  posterize: (img, _h, _w, _c, l) => {
    const bits = Math.max(1, 8 - Math.floor(4 * l));
    const mask = (0xff << (8 - bits)) & 0xff;
    return lut(img, (v) => v & mask);
  },
  solarize: (img, _h, _w, _c, l) => {
    const threshold = Math.round(256 * (1 - l));
    return lut(img, (v) => (v >= threshold ? 255 - v : v));
  },
  color: (img, _h, _w, c, l, rng) => blend(img, grey(img, c), enhance(l, rng)),
  contrast: (img, _h, _w, c, l, rng) => {
    const g = grey(img, c);
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    return blend(img, mean, enhance(l, rng));
  },
  brightness: (img, _h, _w, _c, l, rng) => blend(img, 0, enhance(l, rng)),
  sharpness: (img, h, w, c, l, rng) => blend(img, smooth(img, h, w, c), enhance(l, rng)),
  shearX: (img, h, w, c, l, rng) => warp(img, h, w, c, [1, 0, 0, sign(rng) * 0.3 * l, 1, 0]),
  shearY: (img, h, w, c, l, rng) => warp(img, h, w, c, [1, sign(rng) * 0.3 * l, 0, 0, 1, 0]),
  translateX: (img, h, w, c, l, rng) => warp(img, h, w, c, [1, 0, 0, 0, 1, sign(rng) * 0.33 * l * w]),
  translateY: (img, h, w, c, l, rng) => warp(img, h, w, c, [1, 0, sign(rng) * 0.33 * l * h, 0, 1, 0]),
  cutout: (img, h, w, c, l, rng) => {
    const side = Math.round(0.2 * l * Math.min(h, w));
    const out = Uint8Array.from(img);
    const r0 = rng.int(h) - Math.floor(side / 2);
    const c0 = rng.int(w) - Math.floor(side / 2);
    for (let r = Math.max(0, r0); r < Math.min(h, r0 + side); r++)
      for (let col = Math.max(0, c0); col < Math.min(w, c0 + side); col++)
        out.fill(FILL, (r * w + col) * c, (r * w + col + 1) * c);
    return out;
  },
};
const OP_NAMES = Object.keys(RAND_AUGMENT_OPS);

/** RandAugment(n, m) on one image: n distinct ops in random order (imgaug `SomeOf(n, ..., random_order=True)`). */
export function randAugmentImage(
  img: Uint8Array,
  h: number,
  w: number,
  c: number,
  n: number,
  m: number,
  rng: Prng,
): Uint8Array {
  const level = Math.min(Math.max(m, 0), RAND_AUGMENT_M_MAX) / RAND_AUGMENT_M_MAX;
  const order = rng.permutation(OP_NAMES.length).subarray(0, Math.min(n, OP_NAMES.length));
  let out = img;
  for (const k of order) out = RAND_AUGMENT_OPS[OP_NAMES[k]!]!(out, h, w, c, level, rng);
  return out;
}
