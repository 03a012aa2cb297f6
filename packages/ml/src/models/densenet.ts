import * as tf from '@tensorflow/tfjs';
import type { LayerKit } from './layer-kit.ts';

type Sym = tf.SymbolicTensor;

/** Keras DenseNet `conv_block`: BN-ReLU-1×1 (4·growth) → BN-ReLU-3×3 (growth), concatenated to the input. */
function convBlock(k: LayerKit, x: Sym, growth: number): Sym {
  let y = k.conv(k.bn(x, 'relu'), 4 * growth, 1, { bias: false });
  y = k.conv(k.bn(y, 'relu'), growth, 3, { bias: false });
  return tf.layers.concatenate({ axis: -1, name: k.name('concat') }).apply([x, y]) as Sym;
}

/** Keras `transition_block`: BN-ReLU-1×1 (halve channels) → AvgPool 2. */
function transition(k: LayerKit, x: Sym): Sym {
  const c = x.shape[x.shape.length - 1]!;
  const y = k.conv(k.bn(x, 'relu'), Math.floor(c * 0.5), 1, { bias: false });
  return tf.layers.averagePooling2d({ poolSize: 2, strides: 2, name: k.name('avgpool') }).apply(y) as Sym;
}

/** Keras DenseNet121 (Huang et al. 2017): blocks 6/12/24/16, growth 32, compression 0.5; ≈7.0 M params. */
export function denseNet121(k: LayerKit, x: Sym): Sym {
  let y = k.conv(k.pad(x, 3), 64, 7, { strides: 2, padding: 'valid', bias: false });
  y = k.maxPool(k.pad(k.bn(y, 'relu'), 1), 3, 2);
  const blocks = [6, 12, 24, 16];
  blocks.forEach((n, i) => {
    for (let j = 0; j < n; j++) y = convBlock(k, y, 32);
    if (i < blocks.length - 1) y = transition(k, y);
  });
  return k.gap(k.bn(y, 'relu'), 'avg_pool');
}
