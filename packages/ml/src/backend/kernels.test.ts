import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '@distillery/domain';
import { Adam } from '../train/adam.ts';
import { registerProjectKernels } from './register-kernels.ts';
import { initBackend } from './select-backend.ts';

type Pad = 'same' | 'valid';
interface Case {
  name: string;
  run: () => Float32Array[];
}

const rng = new Prng(20261127);
function rand(shape: number[], g: Prng = rng): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => g.uniform(-1, 1));
}
let cotangentSeed = 1;
/** A fixed upstream gradient per case (same values on every backend). */
function cotangent(): (shape: number[]) => tf.Tensor {
  const seed = cotangentSeed++;
  return (shape) => tf.tensor(rand(shape, new Prng(seed)), shape);
}

type Shape4 = [number, number, number, number];
type ConvOp = (x: tf.Tensor4D, f: tf.Tensor4D, s: number, pad: Pad) => tf.Tensor4D;

// Every case evaluates gradients through tf ops, so the backend's registered kernel is what runs:
// the forward output, then dx and dW of sum(op(x, W) · r) for a fixed random cotangent r.
function filterOpCase(label: string, op: ConvOp, x: Shape4, f: Shape4, s: number, pad: Pad): Case {
  const xv = rand(x);
  const fv = rand(f);
  const cot = cotangent();
  return {
    name: `${label} x${x} f${f} s${s} ${pad}`,
    run: () =>
      tf.tidy(() => {
        const xt = tf.tensor4d(xv, x);
        const ft = tf.tensor4d(fv, f);
        const y = op(xt, ft, s, pad);
        const r = cot(y.shape);
        const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(op(a as tf.Tensor4D, b as tf.Tensor4D, s, pad), r)),
        )([xt, ft]);
        return [y.dataSync() as Float32Array, dx!.dataSync() as Float32Array, dw!.dataSync() as Float32Array];
      }),
  };
}
const convCase = (x: Shape4, f: Shape4, s: number, pad: Pad) =>
  filterOpCase('conv2d', (a, b, st, p) => tf.conv2d(a, b, st, p), x, f, s, pad);
const depthwiseCase = (x: Shape4, f: Shape4, s: number, pad: Pad) =>
  filterOpCase('depthwise', (a, b, st, p) => tf.depthwiseConv2d(a, b, st, p), x, f, s, pad);

function poolCase(x: [number, number, number, number], size: number, s: number, pad: Pad): Case {
  const xv = rand(x);
  const cot = cotangent();
  return {
    name: `maxPool x${x} k${size} s${s} ${pad}`,
    run: () =>
      tf.tidy(() => {
        const xt = tf.tensor4d(xv, x);
        const y = tf.maxPool(xt, size, s, pad);
        const r = cot(y.shape);
        const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, s, pad), r)))(
          xt,
        );
        return [dx.dataSync() as Float32Array];
      }),
  };
}

function matMulCase(a: [number, number], b: [number, number], ta: boolean, tb: boolean): Case {
  const av = rand(a);
  const bv = rand(b);
  return {
    name: `matMul a${a} b${b} ta=${ta} tb=${tb}`,
    run: () =>
      tf.tidy(() => [tf.matMul(tf.tensor2d(av, a), tf.tensor2d(bv, b), ta, tb).dataSync() as Float32Array]),
  };
}

function sumCase(x: number[], axis: number | number[], keepDims: boolean): Case {
  const xv = rand(x);
  return {
    name: `sum x${x} axis ${axis} keep=${keepDims}`,
    run: () => tf.tidy(() => [tf.sum(tf.tensor(xv, x), axis, keepDims).dataSync() as Float32Array]),
  };
}

// The fused Adam kernel vs Adam written with stock tf ops (what runs on the reference cpu backend).
function adamCase(shape: number[]): Case {
  const wv = rand(shape);
  const rv = rand(shape);
  return {
    name: `adam ${shape}`,
    run: () => {
      const w = tf.variable(tf.tensor(wv, shape));
      const r = tf.tensor(rv, shape);
      const opt = new Adam([w], 0.01);
      for (let i = 0; i < 3; i++)
        opt.minimize(() => tf.add(tf.sum(tf.mul(w, r)), tf.sum(tf.square(w)))).dispose();
      const out = [
        Float32Array.from(w.dataSync()),
        ...opt
          .state()
          .slice(1)
          .map((s) => s.values as Float32Array),
      ];
      tf.dispose([w, r]);
      opt.dispose();
      return out;
    },
  };
}

// Fused bias + ReLU matMul / conv, average pooling and inference batch norm (what tfjs-layers emits).
function fusedCase(kind: 'matMul' | 'conv'): Case {
  const x = kind === 'matMul' ? rand([13, 21]) : rand([2, 9, 8, 3]);
  const w = kind === 'matMul' ? rand([21, 11]) : rand([3, 3, 3, 5]);
  const bias = rand([kind === 'matMul' ? 11 : 5]);
  return {
    name: `fused ${kind} + bias + relu`,
    run: () =>
      tf.tidy(() => [
        (kind === 'matMul'
          ? tf.fused.matMul({
              a: tf.tensor2d(x, [13, 21]),
              b: tf.tensor2d(w, [21, 11]),
              bias: tf.tensor1d(bias),
              activation: 'relu',
            })
          : tf.fused.conv2d({
              x: tf.tensor4d(x, [2, 9, 8, 3]),
              filter: tf.tensor4d(w, [3, 3, 3, 5]),
              strides: 2,
              pad: 'same',
              bias: tf.tensor1d(bias),
              activation: 'relu',
            })
        ).dataSync() as Float32Array,
      ]),
  };
}

function avgPoolCase(x: Shape4, k: number, s: number, pad: Pad): Case {
  const xv = rand(x);
  const cot = cotangent();
  return {
    name: `avgPool x${x} k${k} s${s} ${pad}`,
    run: () =>
      tf.tidy(() => {
        const xt = tf.tensor4d(xv, x);
        const y = tf.avgPool(xt, k, s, pad);
        const r = cot(y.shape);
        const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(a as tf.Tensor4D, k, s, pad), r)))(xt);
        return [y.dataSync() as Float32Array, dx.dataSync() as Float32Array];
      }),
  };
}

function batchNormCase(): Case {
  const [x, mean, variance, offset, scale] = [
    rand([3, 4, 5, 6]),
    rand([6]),
    rand([6]).map((v) => v + 1.5),
    rand([6]),
    rand([6]),
  ];
  return {
    name: 'batchNorm inference',
    run: () =>
      tf.tidy(() => [
        tf
          .batchNorm(
            tf.tensor4d(x, [3, 4, 5, 6]),
            tf.tensor1d(mean),
            tf.tensor1d(variance),
            tf.tensor1d(offset),
            tf.tensor1d(scale),
            1e-3,
          )
          .dataSync() as Float32Array,
      ]),
  };
}

const cases: Case[] = [
  fusedCase('matMul'),
  fusedCase('conv'),
  avgPoolCase([2, 8, 8, 3], 2, 2, 'valid'),
  avgPoolCase([2, 9, 7, 2], 3, 2, 'same'),
  batchNormCase(),
  adamCase([7, 5]),
  adamCase([3, 3, 2, 4]),
  sumCase([64, 28, 28, 16], [0, 1, 2], false),
  sumCase([7, 5, 3], 0, true),
  sumCase([7, 5, 3], [1, 0], false),
  sumCase([7, 5, 3], -1, false),
  sumCase([7, 5, 3], [0, 2], false),
  convCase([2, 28, 28, 1], [3, 3, 1, 16], 1, 'same'),
  convCase([3, 13, 13, 5], [3, 3, 5, 7], 1, 'valid'),
  convCase([2, 9, 11, 3], [3, 3, 3, 4], 2, 'same'),
  convCase([2, 10, 7, 3], [3, 3, 3, 4], 2, 'valid'),
  convCase([1, 8, 8, 2], [5, 5, 2, 3], 1, 'same'),
  convCase([2, 7, 9, 3], [2, 4, 3, 5], 1, 'same'),
  convCase([2, 11, 11, 4], [1, 1, 4, 6], 2, 'same'),
  convCase([1, 15, 15, 3], [7, 7, 3, 4], 2, 'same'),
  // Channels in whole vectors: the native direct convolution (forward, filter and input gradients).
  convCase([2, 9, 7, 16], [3, 3, 16, 32], 1, 'same'),
  convCase([2, 8, 9, 32], [3, 3, 32, 16], 1, 'valid'),
  convCase([2, 9, 7, 16], [3, 3, 16, 32], 2, 'same'),
  depthwiseCase([2, 9, 9, 3], [3, 3, 3, 1], 1, 'same'),
  depthwiseCase([2, 10, 11, 4], [5, 5, 4, 2], 2, 'same'),
  depthwiseCase([1, 8, 7, 3], [3, 3, 3, 2], 1, 'valid'),
  depthwiseCase([2, 9, 9, 2], [3, 3, 2, 1], 2, 'valid'),
  poolCase([2, 28, 28, 4], 2, 2, 'valid'),
  poolCase([2, 9, 11, 3], 3, 2, 'same'),
  poolCase([1, 7, 7, 2], 2, 1, 'same'),
  matMulCase([17, 33], [33, 9], false, false),
  matMulCase([33, 17], [33, 9], true, false),
  matMulCase([17, 33], [9, 33], false, true),
  matMulCase([33, 17], [9, 33], true, true),
];

/** |a − b| ≤ 1e-4 · max(1, |ref|): absolute for small values, relative for large sums. */
function expectClose(got: Float32Array[], ref: Float32Array[], name: string): void {
  expect(got.length, name).toBe(ref.length);
  ref.forEach((r, k) => {
    const g = got[k]!;
    expect(g.length, name).toBe(r.length);
    let worst = 0;
    for (let i = 0; i < r.length; i++)
      worst = Math.max(worst, Math.abs(g[i]! - r[i]!) / Math.max(1, Math.abs(r[i]!)));
    expect(worst, `${name} output ${k}`).toBeLessThanOrEqual(1e-4);
  });
}

describe('project kernels agree with the stock cpu backend', () => {
  const reference = new Map<string, Float32Array[]>();
  beforeAll(async () => {
    await tf.setBackend('cpu'); // stock cpu kernels: the reference
    for (const c of cases) reference.set(c.name, c.run());
  });

  it('wasm with the project kernels', async () => {
    const report = await initBackend({ backend: 'wasm' });
    expect(report.projectKernels).toContain('Conv2DBackpropFilter');
    expect(report.projectKernels).toContain('DepthwiseConv2dNativeBackpropFilter');
    // With the native addon built, its kernels (FusedConv2D, _FusedMatMul, pooling, batch norm) are in.
    expect(report.projectKernels).toEqual(
      expect.arrayContaining(['FusedConv2D', '_FusedMatMul', 'AvgPool', 'FusedBatchNorm']),
    );
    for (const c of cases) expectClose(c.run(), reference.get(c.name)!, c.name);
  });

  it('cpu with the project kernels', async () => {
    await tf.setBackend('cpu');
    registerProjectKernels('cpu');
    for (const c of cases) expectClose(c.run(), reference.get(c.name)!, c.name);
  });
});
