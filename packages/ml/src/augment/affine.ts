/** 2×3 affine map from OUTPUT pixel (row, col) to INPUT coordinates, as scipy's `affine_transform` takes it. */
export type Affine = [a: number, b: number, c: number, d: number, e: number, f: number];

/** Compose inverse maps: apply `inner` after `outer` in output→input direction (M = outer ∘ inner). */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  const [a1, b1, c1, d1, e1, f1] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a1 * a2 + b1 * d2,
    a1 * b2 + b1 * e2,
    a1 * c2 + b1 * f2 + c1,
    d1 * a2 + e1 * d2,
    d1 * b2 + e1 * e2,
    d1 * c2 + e1 * f2 + f1,
  ];
}

/** Conjugate a map about the image centre, so rotations and zooms keep the centre fixed. */
export function aboutCentre(m: Affine, h: number, w: number): Affine {
  const cr = (h - 1) / 2;
  const cc = (w - 1) / 2;
  return composeAffine(composeAffine([1, 0, cr, 0, 1, cc], m), [1, 0, -cr, 0, 1, -cc]);
}

/**
 * Warp one H×W×C uint8 image with bilinear interpolation (Keras `interpolation_order=1`).
 * Outside the image: `fill = 'nearest'` clamps to the edge (Keras `fill_mode="nearest"`), a number
 * fills with that constant (imgaug/PIL `fillcolor`).
 */
export function warpAffine(
  src: Uint8Array,
  h: number,
  w: number,
  c: number,
  m: Affine,
  fill: 'nearest' | number,
  dst: Uint8Array,
): void {
  const [a, b, t0, d, e, t1] = m;
  for (let r = 0; r < h; r++) {
    for (let col = 0; col < w; col++) {
      let y = a * r + b * col + t0;
      let x = d * r + e * col + t1;
      const o = (r * w + col) * c;
      if (fill !== 'nearest' && (y < -0.5 || y > h - 0.5 || x < -0.5 || x > w - 0.5)) {
        for (let k = 0; k < c; k++) dst[o + k] = fill;
        continue;
      }
      y = Math.min(Math.max(y, 0), h - 1);
      x = Math.min(Math.max(x, 0), w - 1);
      const y0 = Math.floor(y);
      const x0 = Math.floor(x);
      const y1 = Math.min(y0 + 1, h - 1);
      const x1 = Math.min(x0 + 1, w - 1);
      const fy = y - y0;
      const fx = x - x0;
      for (let k = 0; k < c; k++) {
        const v00 = src[(y0 * w + x0) * c + k]!;
        const v01 = src[(y0 * w + x1) * c + k]!;
        const v10 = src[(y1 * w + x0) * c + k]!;
        const v11 = src[(y1 * w + x1) * c + k]!;
        const v = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
        dst[o + k] = Math.round(v);
      }
    }
  }
}
