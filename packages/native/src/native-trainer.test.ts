import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CPU_LEVELS, loadNative } from './load-addon.ts';
import { NativeTrainer } from './native-trainer.ts';
import type { NativeAddon } from './addon-types.ts';

// Gradients of the native whole step against tfjs autodiff (stock cpu backend) on odd shapes: every
// layer kind the engine runs, strides 1/2, same/valid padding, residual adds, batch norm in training
// mode, at every instruction set this CPU has.
type Sym = tf.SymbolicTensor;
let seed = 11;
const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });

function conv(
  x: Sym,
  filters: number,
  k: number,
  o: { s?: number; pad?: 'same' | 'valid'; act?: 'relu'; bias?: boolean } = {},
): Sym {
  return tf.layers
    .conv2d({
      filters,
      kernelSize: k,
      strides: o.s ?? 1,
      padding: o.pad ?? 'same',
      activation: o.act,
      useBias: o.bias ?? true,
      kernelInitializer: glorot(),
      biasInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: seed++ }),
    })
    .apply(x) as Sym;
}
const relu = (x: Sym) => tf.layers.activation({ activation: 'relu' }).apply(x) as Sym;
const bn = (x: Sym) =>
  tf.layers
    .batchNormalization({
      axis: -1,
      epsilon: 1.001e-5,
      gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: seed++ }),
      betaInitializer: tf.initializers.randomUniform({ minval: -0.3, maxval: 0.3, seed: seed++ }),
    })
    .apply(x) as Sym;
const dense = (x: Sym, units: number) =>
  tf.layers
    .dense({
      units,
      kernelInitializer: glorot(),
      biasInitializer: tf.initializers.randomUniform({ minval: -0.2, maxval: 0.2, seed: seed++ }),
    })
    .apply(x) as Sym;

interface Net {
  name: string;
  build: () => tf.LayersModel;
  input: [number, number, number];
}

const nets: Net[] = [
  {
    name: 'conv same relu → maxpool 2 → flatten → dense (the test CNN shape)',
    input: [9, 11, 1],
    build() {
      const x = tf.input({ shape: this.input });
      const s = tf.layers.rescaling({ scale: 1 / 127.5, offset: -1 }).apply(x) as Sym;
      const y = tf.layers.maxPooling2d({ poolSize: 2 }).apply(conv(s, 5, 3, { act: 'relu' })) as Sym;
      return tf.model({ inputs: x, outputs: dense(tf.layers.flatten().apply(y) as Sym, 7) });
    },
  },
  {
    name: 'valid convs, maxpool 3/2 same, dense relu (small-cnn shape)',
    input: [13, 12, 2],
    build() {
      const x = tf.input({ shape: this.input });
      let y = conv(x, 6, 3, { pad: 'valid', act: 'relu' });
      y = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(y) as Sym;
      y = conv(y, 5, 2, { pad: 'valid', act: 'relu' });
      y = tf.layers.flatten().apply(y) as Sym;
      return tf.model({ inputs: x, outputs: dense(relu(dense(y, 9)), 4) });
    },
  },
  {
    // Both convs are read only by a max pool, so the engine runs each fused with its pool: the 1×1 one
    // (no im2col) with an input gradient, the 3×3 one under overlapping padded windows.
    name: 'conv → maxpool 3/2 same → 1×1 conv relu → maxpool 2 → dense (fused conv + pool)',
    input: [11, 10, 3],
    build() {
      const x = tf.input({ shape: this.input });
      let y = conv(x, 6, 3, { act: 'relu' });
      y = tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }).apply(y) as Sym;
      y = tf.layers.maxPooling2d({ poolSize: 2 }).apply(conv(y, 5, 1, { act: 'relu' })) as Sym;
      return tf.model({ inputs: x, outputs: dense(tf.layers.flatten().apply(y) as Sym, 4) });
    },
  },
  {
    name: 'pre-activation residual blocks: strided conv, 1×1 projection, batch norm, add, GAP',
    input: [10, 9, 3],
    build() {
      const x = tf.input({ shape: this.input });
      const c0 = conv(x, 4, 3, { bias: false });
      const pre = relu(bn(c0));
      const shortcut = conv(pre, 6, 1, { s: 2, bias: false });
      let y = conv(pre, 6, 3, { s: 2, bias: false });
      y = conv(relu(bn(y)), 6, 3, { bias: false });
      let z = tf.layers.add().apply([shortcut, y]) as Sym;
      const z2 = conv(relu(bn(z)), 6, 3, { bias: false });
      z = tf.layers.add().apply([z, z2]) as Sym;
      const f = tf.layers.globalAveragePooling2d({}).apply(relu(bn(z))) as Sym;
      return tf.model({ inputs: x, outputs: dense(f, 5) });
    },
  },
  {
    // 'valid' average pooling: with 'same' padding tfjs' AvgPoolGrad divides by the full window while its
    // forward divides by the in-image count (tfjs-backend-cpu 4.22); the engine uses the true gradient.
    name: 'average pooling, 5×5 stride-2 same conv, mlp with shared input',
    input: [11, 11, 2],
    build() {
      const x = tf.input({ shape: this.input });
      let y = conv(x, 3, 5, { s: 2 });
      y = tf.layers.averagePooling2d({ poolSize: 2, strides: 1, padding: 'valid' }).apply(y) as Sym;
      const f = tf.layers.flatten().apply(y) as Sym;
      const h = relu(dense(f, 8));
      return tf.model({ inputs: x, outputs: dense(tf.layers.add().apply([h, relu(dense(f, 8))]) as Sym, 3) });
    },
  },
  {
    // Last in the list: the seeds of the nets above stay as they were.
    // Channel counts in whole vectors (16, 32) at every instruction set: the direct convolution (forward,
    // filter gradient and, at stride 1, input gradient) on odd image sizes, same/valid padding, 5×5 taps,
    // a strided 1×1 projection, a conv fused with its max pool, and residual adds accumulating into input gradients; strided input
    // gradients keep col2im.
    name: 'direct convs: 16/32 channels, same/valid, 5×5, stride 2, 1×1 projection, conv + pool, residual add',
    input: [9, 7, 4],
    build() {
      const x = tf.input({ shape: this.input });
      const a = conv(x, 16, 3, { act: 'relu' });
      const b = conv(a, 32, 3, { pad: 'valid' }); // 16 → 32: the input gradient's filter is not square
      const c = conv(relu(bn(b)), 32, 3, { s: 2 });
      const d = conv(c, 32, 5, { bias: false });
      const p = conv(b, 32, 1, { s: 2, bias: false });
      const e = tf.layers.maxPooling2d({ poolSize: 2 }).apply(conv(a, 32, 3, { act: 'relu' })) as Sym;
      const z = tf.layers.add().apply([c, d, p, e]) as Sym;
      const f = tf.layers.globalAveragePooling2d({}).apply(relu(bn(z))) as Sym;
      return tf.model({ inputs: x, outputs: dense(f, 3) });
    },
  },
];

function batchOf(input: [number, number, number], B: number, classes: number, s: number) {
  const n = B * input[0] * input[1] * input[2];
  let state = s;
  const rnd = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const x = Float32Array.from({ length: n }, () => Math.floor(rnd() * 256));
  const labels = Int32Array.from({ length: B }, () => Math.floor(rnd() * classes));
  return { x, labels };
}

function worstRelative(a: Float32Array, b: Float32Array): number {
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst / Math.max(scale, 1e-3);
}

describe('native whole-step gradients match tfjs autodiff', () => {
  let addon: NativeAddon;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const r = loadNative();
    if (!r.ok) throw new Error(r.reason);
    addon = r.addon;
  });

  for (const net of nets) {
    it(net.name, () => {
      const levels = CPU_LEVELS.filter((l) => l !== 'auto' && loadNative({ cpu: l }).ok);
      expect(levels).toContain('portable');
      for (const level of levels) {
        loadNative({ cpu: level });
        const model = net.build();
        const classes = (model.outputs[0]!.shape as number[])[1]!;
        const { x, labels } = batchOf(net.input, 5, classes, 7);
        const trainer = new NativeTrainer(addon, model, { kind: 'softmax_ce' }, { threads: 2 });
        const native = trainer.gradients(x, labels);
        const xt = tf.tensor4d(x, [5, ...net.input]);
        const yt = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
        const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
        const { value, grads } = tf.variableGrads(
          () =>
            tf.losses.softmaxCrossEntropy(yt, model.apply(xt, { training: true }) as tf.Tensor) as tf.Scalar,
          vars,
        );
        expect(native.result.loss).toBeCloseTo(value.dataSync()[0]!, 4);
        vars.forEach((v, k) => {
          const ref = grads[v.name]!.dataSync() as Float32Array;
          expect(
            worstRelative(native.grads[k]!, ref),
            `${level} ${model.trainableWeights[k]!.name}`,
          ).toBeLessThan(2e-4);
        });
        // Inference (moving statistics) agrees with tfjs' predict, and one thread gives the same bits.
        const logits = trainer.predictLogits(x, 5)[0]!;
        const ref = (model.predict(xt) as tf.Tensor).dataSync() as Float32Array;
        expect(worstRelative(logits, ref)).toBeLessThan(2e-4);
        const single = new NativeTrainer(addon, model, { kind: 'softmax_ce' }, { threads: 1 });
        expect(single.gradients(x, labels).grads).toEqual(native.grads);
        tf.dispose([xt, yt, value, ...Object.values(grads)]);
        trainer.dispose();
        single.dispose();
        model.dispose();
      }
      loadNative({ cpu: 'auto' });
    });
  }
});
