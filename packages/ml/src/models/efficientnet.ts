import type * as tf from '@tensorflow/tfjs';
import type { BodyBuilder } from './registry.ts';
import type { LayerKit } from './layer-kit.ts';

type Sym = tf.SymbolicTensor;

/** Keras EfficientNet `DEFAULT_BLOCKS_ARGS`: kernel, repeats, in, out, expand ratio, stride (SE 0.25 everywhere). */
const BLOCKS: [number, number, number, number, number, number][] = [
  [3, 1, 32, 16, 1, 1],
  [3, 2, 16, 24, 6, 2],
  [5, 2, 24, 40, 6, 2],
  [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1],
  [5, 4, 112, 192, 6, 2],
  [3, 1, 192, 320, 6, 1],
];

/** Keras `round_filters`: scale by width, round to a multiple of 8, never drop more than 10 %. */
export function roundFilters(filters: number, width: number, divisor = 8): number {
  const f = filters * width;
  let n = Math.max(divisor, Math.floor((f + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * f) n += divisor;
  return n;
}

/** MBConv (Tan & Le 2019): expand 1×1 → depthwise k×k → SE → project 1×1, identity skip when shapes match. */
function mbConv(
  k: LayerKit,
  x: Sym,
  inF: number,
  outF: number,
  kernel: number,
  stride: number,
  expand: number,
): Sym {
  let y = x;
  const mid = inF * expand;
  if (expand !== 1) y = k.bn(k.conv(y, mid, 1, { bias: false }), 'swish');
  y = k.bn(k.depthwise(y, kernel, stride), 'swish');
  y = k.squeezeExcite(y, Math.max(1, Math.floor(inF * 0.25)), 'swish', 'sigmoid');
  y = k.bn(k.conv(y, outF, 1, { bias: false }));
  return stride === 1 && inF === outF ? k.add([x, y]) : y;
}

/**
 * Keras EfficientNet body for a width/depth coefficient (B0: 1.0/1.0, B3: 1.2/1.4). Left out:
 * the built-in Normalization layer (inputs are already rescaled here), stochastic depth and the
 * top dropout, so that training is deterministic per seed.
 */
export function efficientNet(width: number, depth: number): BodyBuilder {
  return (k: LayerKit, x: Sym): Sym => {
    let y = k.bn(k.conv(x, roundFilters(32, width), 3, { strides: 2, bias: false }), 'swish');
    for (const [kernel, repeats, inF, outF, expand, stride] of BLOCKS) {
      const n = Math.ceil(depth * repeats);
      const fin = roundFilters(inF, width);
      const fout = roundFilters(outF, width);
      for (let i = 0; i < n; i++)
        y = mbConv(k, y, i === 0 ? fin : fout, fout, kernel, i === 0 ? stride : 1, expand);
    }
    y = k.bn(k.conv(y, roundFilters(1280, width), 1, { bias: false }), 'swish');
    return k.gap(y, 'avg_pool');
  };
}
