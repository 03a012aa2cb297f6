import type { ConvGeometry, WindowGeometry } from './im2col.ts';

/**
 * MaxPool gradient: each output's dy goes to the first maximum of its window (scan order
 * row-major, as the tfjs cpu backend picks it).
 */
export function maxPoolGrad(
  x: Float32Array,
  xShape: number[],
  dy: Float32Array,
  dx: Float32Array,
  p: WindowGeometry,
): void {
  const [N = 0, H = 0, W = 0, C = 0] = xShape;
  dx.fill(0);
  // Channels innermost (contiguous in NHWC): one running max per channel over the window.
  const best = new Float32Array(C);
  const at = new Int32Array(C);
  for (let n = 0; n < N; n++) {
    for (let r = 0; r < p.outHeight; r++) {
      const r0 = Math.max(0, r * p.strideHeight - p.padTop);
      const r1 = Math.min(H, r * p.strideHeight - p.padTop + p.filterHeight);
      for (let c = 0; c < p.outWidth; c++) {
        const c0 = Math.max(0, c * p.strideWidth - p.padLeft);
        const c1 = Math.min(W, c * p.strideWidth - p.padLeft + p.filterWidth);
        if (r0 >= r1 || c0 >= c1) continue;
        best.fill(-Infinity);
        at.fill(-1);
        for (let i = r0; i < r1; i++) {
          for (let j = c0; j < c1; j++) {
            const base = ((n * H + i) * W + j) * C;
            for (let d = 0; d < C; d++) {
              const v = x[base + d]!;
              if (v > best[d]! || at[d]! < 0) {
                best[d] = v;
                at[d] = base + d;
              }
            }
          }
        }
        const dOff = ((n * p.outHeight + r) * p.outWidth + c) * C;
        for (let d = 0; d < C; d++) dx[at[d]!]! += dy[dOff + d]!;
      }
    }
  }
}

/** out[j] = Σ_i x[i·cols + j]: a sum over all leading axes of a row-major array (float64 accumulation). */
export function columnSums(x: Float32Array, cols: number, out: Float32Array): void {
  const acc = new Float64Array(cols);
  for (let base = 0; base < x.length; base += cols) for (let j = 0; j < cols; j++) acc[j]! += x[base + j]!;
  out.set(acc);
}

type DwGeometry = ConvGeometry & { outChannels: number; dilationHeight: number; dilationWidth: number };

/**
 * Visit every (output position, tap, channel) of a depthwise convolution with channel multiplier
 * q = Cout / Cin: y[b, r, c, d·q + j] = Σ x[b, r·sh + wR·dh − pt, c·sw + wC·dw − pl, d] · w[wR, wC, d, j].
 */
function forEachDepthwiseTap(
  g: DwGeometry,
  visit: (xIdx: number, yIdx: number, wIdx: number, q: number) => void,
): void {
  const q = g.outChannels / g.inChannels;
  for (let b = 0; b < g.batchSize; b++) {
    for (let r = 0; r < g.outHeight; r++) {
      for (let c = 0; c < g.outWidth; c++) {
        const yBase = ((b * g.outHeight + r) * g.outWidth + c) * g.outChannels;
        for (let wR = 0; wR < g.filterHeight; wR++) {
          const xR = r * g.strideHeight + wR * g.dilationHeight - g.padTop;
          if (xR < 0 || xR >= g.inHeight) continue;
          for (let wC = 0; wC < g.filterWidth; wC++) {
            const xC = c * g.strideWidth + wC * g.dilationWidth - g.padLeft;
            if (xC < 0 || xC >= g.inWidth) continue;
            const xBase = ((b * g.inHeight + xR) * g.inWidth + xC) * g.inChannels;
            const wBase = (wR * g.filterWidth + wC) * g.inChannels * q;
            for (let d = 0; d < g.inChannels; d++) visit(xBase + d, yBase + d * q, wBase + d * q, q);
          }
        }
      }
    }
  }
}

/** dW[wR, wC, d, j] = Σ_{b,r,c} x[…, d] · dy[b, r, c, d·q + j] (depthwise filter gradient). */
export function depthwiseFilterGrad(
  x: Float32Array,
  dy: Float32Array,
  g: DwGeometry,
  dw: Float32Array,
): void {
  dw.fill(0);
  forEachDepthwiseTap(g, (xi, yi, wi, q) => {
    const xv = x[xi]!;
    for (let j = 0; j < q; j++) dw[wi + j]! += xv * dy[yi + j]!;
  });
}

/** dx[b, xR, xC, d] = Σ dy[b, r, c, d·q + j] · w[wR, wC, d, j] over the taps that read x (depthwise input gradient). */
export function depthwiseInputGrad(dy: Float32Array, w: Float32Array, g: DwGeometry, dx: Float32Array): void {
  dx.fill(0);
  forEachDepthwiseTap(g, (xi, yi, wi, q) => {
    let s = 0;
    for (let j = 0; j < q; j++) s += dy[yi + j]! * w[wi + j]!;
    dx[xi]! += s;
  });
}
