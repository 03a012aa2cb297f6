/** Sliding-window geometry shared by convolutions and pooling (from tfjs `Conv2DInfo`). */
export interface WindowGeometry {
  outHeight: number;
  outWidth: number;
  strideHeight: number;
  strideWidth: number;
  filterHeight: number;
  filterWidth: number;
  padTop: number;
  padLeft: number;
}

/** Geometry of a 2-D convolution in NHWC. */
export interface ConvGeometry extends WindowGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
}

/** The window fields of a tfjs Conv2DInfo (pooling infos have the same shape). */
export function windowOf(
  ci: Omit<WindowGeometry, 'padTop' | 'padLeft'> & { padInfo: { top: number; left: number } },
): WindowGeometry {
  return {
    outHeight: ci.outHeight,
    outWidth: ci.outWidth,
    strideHeight: ci.strideHeight,
    strideWidth: ci.strideWidth,
    filterHeight: ci.filterHeight,
    filterWidth: ci.filterWidth,
    padTop: ci.padInfo.top,
    padLeft: ci.padInfo.left,
  };
}

/**
 * Transposed im2col: col[k, m] = x[b, yR·sh + wR − padT, yC·sw + wC − padL, d] with
 * k = (wR·fw + wC)·Cin + d and m = (b·OH + yR)·OW + yC, zero outside the image. With it the filter
 * gradient is one GEMM, dW[K, Cout] = col[K, M] · dy[M, Cout] (Chellapilla et al. 2006).
 */
export function im2colTransposed(x: Float32Array, g: ConvGeometry, col: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth } = g;
  const M = batchSize * outHeight * outWidth;
  // Every element is written (zeros where the window leaves the image): no full pre-fill pass.
  for (let wR = 0; wR < g.filterHeight; wR++) {
    for (let wC = 0; wC < g.filterWidth; wC++) {
      for (let d = 0; d < inChannels; d++) {
        const row = ((wR * g.filterWidth + wC) * inChannels + d) * M;
        let m = 0;
        for (let b = 0; b < batchSize; b++) {
          for (let yR = 0; yR < outHeight; yR++) {
            const xR = yR * g.strideHeight + wR - g.padTop;
            if (xR < 0 || xR >= inHeight) {
              col.fill(0, row + m, row + m + outWidth);
              m += outWidth;
              continue;
            }
            const base = (b * inHeight + xR) * inWidth;
            for (let yC = 0; yC < outWidth; yC++, m++) {
              const xC = yC * g.strideWidth + wC - g.padLeft;
              col[row + m] = xC >= 0 && xC < inWidth ? x[(base + xC) * inChannels + d]! : 0;
            }
          }
        }
      }
    }
  }
}

/**
 * col2im, the adjoint of im2col: dx[b, xR, xC, d] = Σ cols[m, k] over the (m, k) pairs that read
 * that pixel. `cols` is [M, K] (row-major), i.e. dy[M, Cout] · W[K, Cout]ᵀ; this is the input
 * gradient of a convolution of any stride.
 */
export function col2im(cols: Float32Array, g: ConvGeometry, dx: Float32Array): void {
  const {
    batchSize,
    inHeight,
    inWidth,
    inChannels,
    outHeight,
    outWidth,
    filterHeight: fh,
    filterWidth: fw,
  } = g;
  const K = fh * fw * inChannels;
  dx.fill(0);
  let m = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let yR = 0; yR < outHeight; yR++) {
      for (let yC = 0; yC < outWidth; yC++, m++) {
        const rowBase = m * K;
        for (let wR = 0; wR < fh; wR++) {
          const xR = yR * g.strideHeight + wR - g.padTop;
          if (xR < 0 || xR >= inHeight) continue;
          for (let wC = 0; wC < fw; wC++) {
            const xC = yC * g.strideWidth + wC - g.padLeft;
            if (xC < 0 || xC >= inWidth) continue;
            const src = rowBase + (wR * fw + wC) * inChannels;
            const dst = ((b * inHeight + xR) * inWidth + xC) * inChannels;
            for (let d = 0; d < inChannels; d++) dx[dst + d]! += cols[src + d]!;
          }
        }
      }
    }
  }
}
