import * as tf from '@tensorflow/tfjs';
import type { LayerKit } from './layer-kit.ts';

type Sym = tf.SymbolicTensor;

/** The original `test` CNN: Conv2D 16 3×3 same ReLU → MaxPool 2 → Flatten (features) → head. */
export function testCnn(k: LayerKit, x: Sym): Sym {
  const y = k.maxPool(k.conv(x, 16, 3, { act: 'relu' }), 2, 2);
  return tf.layers.flatten({ name: 'features' }).apply(y) as Sym;
}

/** Bench model M2: Conv 32 → MaxPool → Conv 64 → MaxPool → Dense 128 (features) → head (valid padding). */
export function smallCnn(k: LayerKit, x: Sym): Sym {
  let y = k.maxPool(k.conv(x, 32, 3, { padding: 'valid', act: 'relu' }), 2, 2);
  y = k.maxPool(k.conv(y, 64, 3, { padding: 'valid', act: 'relu' }), 2, 2);
  y = tf.layers.flatten({ name: k.name('flatten') }).apply(y) as Sym;
  return k.dense(y, 128, 'relu', 'features');
}

/** Bench model M3: MLP 784-800-800 (features) → head; Hinton et al. 2015's MNIST student. */
export function mlp(k: LayerKit, x: Sym): Sym {
  const y = tf.layers.flatten({ name: k.name('flatten') }).apply(x) as Sym;
  return k.dense(k.dense(y, 800, 'relu'), 800, 'relu', 'features');
}
