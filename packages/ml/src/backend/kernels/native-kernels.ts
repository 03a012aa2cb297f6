/**
 * Stage-1 native kernels (issue 21): tfjs kernel overrides on the wasm backend that run the native
 * engine's C++ kernels directly on wasm-heap views, for every architecture of the registry (the
 * whole-step engine covers only test / small-cnn / mlp / resnet_small). Each delegates to the stock
 * or project JS kernel for a case it does not take (another layout, dilation, an activation other
 * than ReLU, broadcast biases, padded average-pool gradients). Heap views are taken only after the
 * last `makeOutput`, which may grow (and detach) wasm memory.
 */
import * as tf from '@tensorflow/tfjs';
import type { Geometry, NativeAddon } from '@distillery/native';
import { ADAM_KERNEL, wasmAdamKernelUsing } from './adam-kernel.ts';
import { convGeometry, type ConvAttrs } from './conv-geometry.ts';
import { attr, input, stockKernel, type KernelArgs, type WasmBackendLike } from './kernel-types.ts';
import { poolAttrs } from './wasm-kernels.ts';

type Kernel = (a: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];
type ConvGeometry = ReturnType<typeof convGeometry>;

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

function geometry(g: ConvGeometry): Geometry {
  return [
    g.batchSize,
    g.inHeight,
    g.inWidth,
    g.inChannels,
    g.outHeight,
    g.outWidth,
    g.outChannels,
    g.filterHeight,
    g.filterWidth,
    g.strideHeight,
    g.strideWidth,
    g.padTop,
    g.padLeft,
    g.dilationHeight,
    g.dilationWidth,
  ];
}

const nhwc = (args: KernelArgs) => {
  const f = attr<string | undefined>(args, 'dataFormat');
  return f === undefined || f === 'NHWC' || f === 'channelsLast';
};

/**
 * The overrides, each falling back to `fallback[name]` (the project's JS kernel when it has one) or
 * the stock wasm kernel.
 */
export function nativeKernelOverrides(
  addon: NativeAddon,
  fallback: Record<string, Kernel>,
): Record<string, Kernel> {
  const stock = (name: string): Kernel => fallback[name] ?? stockKernel(tf.getKernel, name, 'wasm');
  const be = (a: KernelArgs) => a.backend as WasmBackendLike;
  const heap = (b: WasmBackendLike, t: tf.TensorInfo) => b.typedArrayFromHeap(t);
  const k: Record<string, Kernel> = {};

  const matMul = (fused: boolean): Kernel => {
    const name = fused ? '_FusedMatMul' : 'BatchMatMul';
    const base = stock(name);
    return (args) => {
      const a = input(args, 'a');
      const b0 = input(args, 'b');
      const ta = attr<boolean>(args, 'transposeA');
      const tb = attr<boolean>(args, 'transposeB');
      const activation = fused ? (attr<string | undefined>(args, 'activation') ?? 'linear') : 'linear';
      const bias = fused ? args.inputs.bias : undefined;
      const [batchA, r1, c1] = a.shape as [number, number, number];
      const [batchB, r2, c2] = b0.shape as [number, number, number];
      const M = ta ? c1 : r1;
      const K = ta ? r1 : c1;
      const N = tb ? r2 : c2;
      const batch = Math.max(batchA, batchB);
      const simple =
        a.shape.length === 3 &&
        b0.shape.length === 3 &&
        a.dtype === 'float32' &&
        (batchA === batchB || batchA === 1 || batchB === 1);
      if (
        !simple ||
        (activation !== 'linear' && activation !== 'relu') ||
        (bias && size(bias.shape) !== N) ||
        args.inputs.preluActivationWeights
      )
        return base(args);
      const b = be(args);
      const out = b.makeOutput([batch, M, N], 'float32');
      const [av, bv, ov] = [heap(b, a), heap(b, b0), heap(b, out)];
      const biasV = bias ? heap(b, bias) : null;
      for (let i = 0; i < batch; i++) {
        addon.gemm(
          av.subarray((batchA === 1 ? 0 : i) * M * K, ((batchA === 1 ? 0 : i) + 1) * M * K),
          bv.subarray((batchB === 1 ? 0 : i) * K * N, ((batchB === 1 ? 0 : i) + 1) * K * N),
          ov.subarray(i * M * N, (i + 1) * M * N),
          M,
          N,
          K,
          ta,
          tb,
          false,
          biasV,
          activation === 'relu',
        );
      }
      return out;
    };
  };
  k.BatchMatMul = matMul(false);
  k._FusedMatMul = matMul(true);

  const conv = (fused: boolean): Kernel => {
    const name = fused ? 'FusedConv2D' : 'Conv2D';
    const base = stock(name);
    return (args) => {
      const x = input(args, 'x');
      const filter = input(args, 'filter');
      const activation = fused ? (attr<string | undefined>(args, 'activation') ?? 'linear') : 'linear';
      const bias = fused ? args.inputs.bias : undefined;
      if (
        !nhwc(args) ||
        (activation !== 'linear' && activation !== 'relu') ||
        args.inputs.preluActivationWeights
      )
        return base(args);
      const g = convGeometry(x.shape, filter.shape, args.attrs as unknown as ConvAttrs);
      if ((bias && size(bias.shape) !== g.outChannels) || g.dilationHeight !== 1 || g.dilationWidth !== 1)
        return base(args);
      const b = be(args);
      const out = b.makeOutput([g.batchSize, g.outHeight, g.outWidth, g.outChannels], 'float32');
      addon.conv2d(
        heap(b, x),
        heap(b, filter),
        bias ? heap(b, bias) : null,
        geometry(g),
        activation === 'relu',
        heap(b, out),
      );
      return out;
    };
  };
  k.Conv2D = conv(false);
  k.FusedConv2D = conv(true);

  const filterGradBase = stock('Conv2DBackpropFilter');
  k.Conv2DBackpropFilter = (args) => {
    const x = input(args, 'x');
    const dy = input(args, 'dy');
    const filterShape = attr<number[]>(args, 'filterShape');
    const g = convGeometry(x.shape, filterShape, args.attrs as unknown as ConvAttrs);
    if (!nhwc(args) || g.dilationHeight !== 1 || g.dilationWidth !== 1) return filterGradBase(args);
    const b = be(args);
    const out = b.makeOutput(filterShape, 'float32');
    addon.conv2dFilterGrad(heap(b, x), heap(b, dy), geometry(g), heap(b, out));
    return out;
  };

  const inputGradBase = stock('Conv2DBackpropInput');
  k.Conv2DBackpropInput = (args) => {
    const dy = input(args, 'dy');
    const filter = input(args, 'filter');
    const inputShape = attr<number[]>(args, 'inputShape');
    const g = convGeometry(inputShape, filter.shape, args.attrs as unknown as ConvAttrs);
    if (!nhwc(args) || g.dilationHeight !== 1 || g.dilationWidth !== 1) return inputGradBase(args);
    const b = be(args);
    const out = b.makeOutput(inputShape, 'float32');
    addon.conv2dInputGrad(heap(b, dy), heap(b, filter), geometry(g), heap(b, out));
    return out;
  };

  const depthwise = (name: string, kind: 'forward' | 'filter' | 'input'): Kernel => {
    const base = stock(name);
    return (args) => {
      if (!nhwc(args)) return base(args);
      const b = be(args);
      const [a, w, shape] =
        kind === 'forward'
          ? [input(args, 'x'), input(args, 'filter'), null]
          : kind === 'filter'
            ? [input(args, 'x'), input(args, 'dy'), attr<number[]>(args, 'filterShape')]
            : [input(args, 'dy'), input(args, 'filter'), attr<number[]>(args, 'inputShape')];
      const xShape = kind === 'input' ? shape! : a.shape;
      const fShape = kind === 'filter' ? shape! : w.shape;
      const g = convGeometry(xShape, fShape, args.attrs as unknown as ConvAttrs, true);
      const outShape = kind === 'forward' ? [g.batchSize, g.outHeight, g.outWidth, g.outChannels] : shape!;
      const out = b.makeOutput(outShape, 'float32');
      addon.depthwise(kind, heap(b, a), heap(b, w), geometry(g), heap(b, out));
      return out;
    };
  };
  k.DepthwiseConv2dNative = depthwise('DepthwiseConv2dNative', 'forward');
  k.DepthwiseConv2dNativeBackpropFilter = depthwise('DepthwiseConv2dNativeBackpropFilter', 'filter');
  k.DepthwiseConv2dNativeBackpropInput = depthwise('DepthwiseConv2dNativeBackpropInput', 'input');

  const poolGeometry = (x: tf.TensorInfo, args: KernelArgs): Geometry => {
    const p = poolAttrs({ ...args, inputs: { ...args.inputs, input: x } });
    const [N, H, W, C] = x.shape as [number, number, number, number];
    return [
      N,
      H,
      W,
      C,
      p.outHeight,
      p.outWidth,
      C,
      p.filterHeight,
      p.filterWidth,
      p.strideHeight,
      p.strideWidth,
      p.padTop,
      p.padLeft,
      1,
      1,
    ];
  };
  for (const kind of ['max', 'avg'] as const) {
    const name = kind === 'max' ? 'MaxPool' : 'AvgPool';
    k[name] = (args) => {
      const x = input(args, 'x');
      const g = poolGeometry(x, args);
      const b = be(args);
      const out = b.makeOutput([g[0]!, g[4]!, g[5]!, g[6]!], 'float32');
      addon.pool(kind, heap(b, x), g, heap(b, out));
      return out;
    };
  }
  k.MaxPoolGrad = (args) => {
    const x = input(args, 'input');
    const g = poolGeometry(x, args);
    const b = be(args);
    const out = b.makeOutput(x.shape, 'float32');
    addon.poolGrad('max', heap(b, input(args, 'dy')), heap(b, x), g, heap(b, out));
    return out;
  };
  // tfjs' AvgPoolGrad divides by the whole window even where 'same' padding clips it (its forward
  // divides by the in-image count): padded cases keep the stock kernel so gradients match tfjs.
  const avgGradBase = stock('AvgPoolGrad');
  k.AvgPoolGrad = (args) => {
    const x = input(args, 'input');
    const g = poolGeometry(x, args);
    const clipped =
      g[11]! > 0 || g[12]! > 0 || (g[4]! - 1) * g[9]! + g[7]! > g[1]! || (g[5]! - 1) * g[10]! + g[8]! > g[2]!;
    if (clipped) return avgGradBase(args);
    const b = be(args);
    const out = b.makeOutput(x.shape, 'float32');
    addon.poolGrad('avg', heap(b, input(args, 'dy')), null, g, heap(b, out));
    return out;
  };

  const bnBase = stock('FusedBatchNorm');
  k.FusedBatchNorm = (args) => {
    const x = input(args, 'x');
    const C = x.shape[x.shape.length - 1]!;
    const per = ['mean', 'variance', 'offset', 'scale'].map((n) => args.inputs[n]);
    if (x.dtype !== 'float32' || per.some((t) => t && size(t.shape) !== C)) return bnBase(args);
    const b = be(args);
    const out = b.makeOutput(x.shape, 'float32');
    const [mean, variance, offset, scale] = per.map((t) => (t ? heap(b, t) : null));
    addon.batchNorm(
      heap(b, x),
      mean!,
      variance!,
      offset ?? null,
      scale ?? null,
      attr<number>(args, 'varianceEpsilon'),
      C,
      heap(b, out),
    );
    return out;
  };

  k[ADAM_KERNEL] = wasmAdamKernelUsing((w, g, m, v, a, wo, mo, vo) => {
    wo.set(w);
    mo.set(m);
    vo.set(v);
    addon.adam(wo, g, mo, vo, a.lr, a.beta1, a.beta2, a.epsilon, a.c1, a.c2);
  });
  return k;
}
