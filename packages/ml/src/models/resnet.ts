import type * as tf from '@tensorflow/tfjs';
import type { LayerKit } from './layer-kit.ts';

type Sym = tf.SymbolicTensor;

/** Pre-activation basic block (He et al. 2016, "Identity mappings"): BN-ReLU-conv3×3 twice, projection when shape changes. */
function basicBlockV2(k: LayerKit, x: Sym, filters: number, stride: number): Sym {
  const pre = k.bn(x, 'relu');
  const inC = x.shape[x.shape.length - 1];
  const shortcut =
    stride !== 1 || inC !== filters ? k.conv(pre, filters, 1, { strides: stride, bias: false }) : x;
  let y = k.conv(pre, filters, 3, { strides: stride, bias: false });
  y = k.conv(k.bn(y, 'relu'), filters, 3, { bias: false });
  return k.add([shortcut, y]);
}

/** `resnet_small`: ResNet-14 v2 for 28–32 px (3 stages × 2 basic blocks, widths 16/32/64), ≈0.17 M params. */
export function resnetSmall(k: LayerKit, x: Sym): Sym {
  let y = k.conv(x, 16, 3, { bias: false });
  for (const [filters, stride] of [
    [16, 1],
    [16, 1],
    [32, 2],
    [32, 1],
    [64, 2],
    [64, 1],
  ] as const) {
    y = basicBlockV2(k, y, filters, stride);
  }
  return k.gap(k.bn(y, 'relu'), 'avg_pool');
}

/** Keras `block2` of ResNetV2: preact → 1×1 f → 3×3 f (stride) → 1×1 4f, shortcut conv or max-pool. */
function bottleneckV2(k: LayerKit, x: Sym, filters: number, stride: number, convShortcut: boolean): Sym {
  const pre = k.bn(x, 'relu');
  const shortcut = convShortcut
    ? k.conv(pre, 4 * filters, 1, { strides: stride })
    : stride > 1
      ? k.maxPool(x, 1, stride)
      : x;
  let y = k.conv(pre, filters, 1, { bias: false });
  y = k.conv(k.pad(k.bn(y, 'relu'), 1), filters, 3, { strides: stride, padding: 'valid', bias: false });
  y = k.conv(k.bn(y, 'relu'), 4 * filters, 1);
  return k.add([shortcut, y]);
}

/** Keras `stack2`: the first block projects, the LAST block strides. */
function stackV2(k: LayerKit, x: Sym, filters: number, blocks: number, stride: number): Sym {
  let y = bottleneckV2(k, x, filters, 1, true);
  for (let i = 2; i < blocks; i++) y = bottleneckV2(k, y, filters, 1, false);
  return bottleneckV2(k, y, filters, stride, false);
}

/** Keras ResNet50V2 (`weights=None`, top = avg_pool + Dense): ≈23.6 M params for 10 classes. */
export function resnet50V2(k: LayerKit, x: Sym): Sym {
  let y = k.conv(k.pad(x, 3), 64, 7, { strides: 2, padding: 'valid' });
  y = k.maxPool(k.pad(y, 1), 3, 2);
  y = stackV2(k, y, 64, 3, 2);
  y = stackV2(k, y, 128, 4, 2);
  y = stackV2(k, y, 256, 6, 2);
  y = stackV2(k, y, 512, 3, 1);
  return k.gap(k.bn(y, 'relu'), 'avg_pool');
}
