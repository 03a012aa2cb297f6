import type * as tf from '@tensorflow/tfjs';
import type { Act, LayerKit } from './layer-kit.ts';
import type { BodyBuilder } from './registry.ts';

type Sym = tf.SymbolicTensor;
/** expansion, filters, kernel, stride, squeeze-excite, activation (Keras `MobileNetV3Small/Large` stacks). */
type Block = [number, number, number, number, boolean, Act];

const SMALL: Block[] = [
  [1, 16, 3, 2, true, 'relu'],
  [72 / 16, 24, 3, 2, false, 'relu'],
  [88 / 24, 24, 3, 1, false, 'relu'],
  [4, 40, 5, 2, true, 'hard_swish'],
  [6, 40, 5, 1, true, 'hard_swish'],
  [6, 40, 5, 1, true, 'hard_swish'],
  [3, 48, 5, 1, true, 'hard_swish'],
  [3, 48, 5, 1, true, 'hard_swish'],
  [6, 96, 5, 2, true, 'hard_swish'],
  [6, 96, 5, 1, true, 'hard_swish'],
  [6, 96, 5, 1, true, 'hard_swish'],
];
const LARGE: Block[] = [
  [1, 16, 3, 1, false, 'relu'],
  [4, 24, 3, 2, false, 'relu'],
  [3, 24, 3, 1, false, 'relu'],
  [3, 40, 5, 2, true, 'relu'],
  [3, 40, 5, 1, true, 'relu'],
  [3, 40, 5, 1, true, 'relu'],
  [6, 80, 3, 2, false, 'hard_swish'],
  [2.5, 80, 3, 1, false, 'hard_swish'],
  [2.3, 80, 3, 1, false, 'hard_swish'],
  [2.3, 80, 3, 1, false, 'hard_swish'],
  [6, 112, 3, 1, true, 'hard_swish'],
  [6, 112, 3, 1, true, 'hard_swish'],
  [6, 160, 5, 2, true, 'hard_swish'],
  [6, 160, 5, 1, true, 'hard_swish'],
  [6, 160, 5, 1, true, 'hard_swish'],
];

/** Keras `_depth`: round to a multiple of 8, never below 90 % of v. */
function depth(v: number, divisor = 8): number {
  let n = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (n < 0.9 * v) n += divisor;
  return n;
}

/** Keras `_inverted_res_block`: expand 1×1 → depthwise → SE (hard-sigmoid gate) → project, residual when possible. */
function invertedRes(k: LayerKit, x: Sym, [expansion, filters, kernel, stride, se, act]: Block): Sym {
  const inC = x.shape[x.shape.length - 1]!;
  let y = x;
  const mid = depth(inC * expansion);
  if (expansion !== 1) y = k.bn(k.conv(y, mid, 1, { bias: false }), act);
  y = k.bn(k.depthwise(y, kernel, stride), act);
  if (se) y = k.squeezeExcite(y, depth(mid * 0.25), 'relu', 'hard_sigmoid');
  y = k.bn(k.conv(y, filters, 1, { bias: false }));
  return stride === 1 && inC === filters ? k.add([x, y]) : y;
}

/**
 * Keras MobileNetV3 (Howard et al. 2019, alpha 1, minimalistic off). The top is GAP (`avg_pool`,
 * the pooled features) → Dense(last point) hard-swish → the Dense head; Keras uses 1×1 convs on a
 * 1×1 map, which is the same computation. Its built-in input rescaling and dropout are left out.
 */
export function mobileNetV3(size: 'small' | 'large'): BodyBuilder {
  return (k: LayerKit, x: Sym): Sym => {
    let y = k.bn(k.conv(x, 16, 3, { strides: 2, bias: false }), 'hard_swish');
    for (const b of size === 'small' ? SMALL : LARGE) y = invertedRes(k, y, b);
    const lastConv = depth((size === 'small' ? 96 : 160) * 6);
    y = k.bn(k.conv(y, lastConv, 1, { bias: false }), 'hard_swish');
    y = k.gap(y, 'avg_pool');
    return k.dense(y, size === 'small' ? 1024 : 1280, 'hard_swish', 'features');
  };
}
