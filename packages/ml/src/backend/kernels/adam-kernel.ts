import type * as tf from '@tensorflow/tfjs';
import { attr, input, type CpuBackendLike, type KernelArgs, type WasmBackendLike } from './kernel-types.ts';

/** Name of the project's fused Adam update kernel (inputs w, g, m, v → outputs w′, m′, v′). */
export const ADAM_KERNEL = 'DistilleryAdamUpdate';

/** Attributes of the fused Adam update; c1 = 1 − β1^t and c2 = 1 − β2^t are computed by the caller. */
export interface AdamAttrs {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  c1: number;
  c2: number;
}

/**
 * m′ = β1·m + (1−β1)·g; v′ = β2·v + (1−β2)·g²; w′ = w − lr·(m′/c1) / (√(v′/c2) + ε), elementwise in
 * one pass (float64 arithmetic, float32 storage) instead of eleven tfjs kernels per variable.
 */
export function adamUpdate(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  a: AdamAttrs,
  wOut: Float32Array,
  mOut: Float32Array,
  vOut: Float32Array,
): void {
  const { lr, beta1, beta2, epsilon, c1, c2 } = a;
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    mOut[i] = mi;
    vOut[i] = vi;
    wOut[i] = w[i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
  }
}

function attrsOf(args: KernelArgs): AdamAttrs {
  return {
    lr: attr(args, 'lr'),
    beta1: attr(args, 'beta1'),
    beta2: attr(args, 'beta2'),
    epsilon: attr(args, 'epsilon'),
    c1: attr(args, 'c1'),
    c2: attr(args, 'c2'),
  };
}

/**
 * The fused Adam kernel for the wasm backend, with `update` doing the arithmetic on heap views (new
 * outputs: XNNPACK caches packed weights by tensor id).
 */
export function wasmAdamKernelUsing(update: typeof adamUpdate): (args: KernelArgs) => tf.TensorInfo[] {
  return (args) => {
    const b = args.backend as WasmBackendLike;
    const [w, g, m, v] = ['w', 'g', 'm', 'v'].map((n) => input(args, n)) as [
      tf.TensorInfo,
      tf.TensorInfo,
      tf.TensorInfo,
      tf.TensorInfo,
    ];
    const outs = [
      b.makeOutput(w.shape, 'float32'),
      b.makeOutput(w.shape, 'float32'),
      b.makeOutput(w.shape, 'float32'),
    ] as const;
    const h = (t: tf.TensorInfo) => b.typedArrayFromHeap(t);
    update(h(w), h(g), h(m), h(v), attrsOf(args), h(outs[0]), h(outs[1]), h(outs[2]));
    return [...outs];
  };
}

/** The fused Adam kernel for the wasm backend (JS arithmetic). */
export const wasmAdamKernel = wasmAdamKernelUsing(adamUpdate);

/** The fused Adam kernel for the cpu backend. */
export function cpuAdamKernel(args: KernelArgs): tf.TensorInfo[] {
  const b = args.backend as CpuBackendLike;
  const [w, g, m, v] = ['w', 'g', 'm', 'v'].map((n) => b.readSync(input(args, n).dataId));
  const n = w!.length;
  const outs = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  adamUpdate(w!, g!, m!, v!, attrsOf(args), ...outs);
  const shape = input(args, 'w').shape;
  return outs.map((o) => b.makeTensorInfo(shape, 'float32', o));
}
