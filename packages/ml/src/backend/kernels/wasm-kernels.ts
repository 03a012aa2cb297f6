import * as tf from '@tensorflow/tfjs';
import { convGeometry, filterGradSetup, type ConvAttrs } from './conv-geometry.ts';
import { col2im, im2colTransposed, windowOf } from './im2col.ts';
import { columnSums, depthwiseFilterGrad, depthwiseInputGrad, maxPoolGrad } from './loop-kernels.ts';
import { attr, input, stockKernel, type KernelArgs, type WasmBackendLike } from './kernel-types.ts';

type Kernel = (a: KernelArgs) => tf.TensorInfo;

/**
 * Kernels the project registers on the wasm backend (tfjs-backend-wasm 4.22.0):
 * - missing there: Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter/Input;
 * - stock but slow (training-throughput.md §5d): BatchMatMul with transpose flags (~7× slower),
 *   Conv2DBackpropInput (naive loop), MaxPoolGrad (naive loop), Sum over leading axes (a
 *   transpose first; every bias gradient is one).
 * Heap views are taken only after every `makeOutput`, which may grow (and detach) wasm memory.
 */
export function wasmKernelOverrides(): Record<string, Kernel> {
  const reshape = stockKernel(tf.getKernel, 'Reshape', 'wasm');
  const matMul = stockKernel(tf.getKernel, 'BatchMatMul', 'wasm');
  const transpose = stockKernel(tf.getKernel, 'Transpose', 'wasm');
  const conv2d = stockKernel(tf.getKernel, 'Conv2D', 'wasm');
  const be = (a: KernelArgs) => a.backend as WasmBackendLike;
  const swapLast = (b: WasmBackendLike, t: tf.TensorInfo) => {
    const perm = t.shape.map((_, i) => i);
    const r = perm.length;
    perm[r - 2] = r - 1;
    perm[r - 1] = r - 2;
    return transpose({ inputs: { x: t }, backend: b, attrs: { perm } });
  };
  const plainMatMul = (b: WasmBackendLike, a: tf.TensorInfo, bb: tf.TensorInfo) =>
    matMul({ inputs: { a, b: bb }, backend: b, attrs: { transposeA: false, transposeB: false } });

  const conv2DBackpropFilter: Kernel = (args) => {
    const b = be(args);
    const { x, dy, filterShape, g, M, K } = filterGradSetup(args);
    const colT = b.makeOutput([K, M], 'float32');
    im2colTransposed(b.typedArrayFromHeap(x), g, b.typedArrayFromHeap(colT));
    const dy2 = reshape({ inputs: { x: dy }, backend: b, attrs: { shape: [M, g.outChannels] } });
    const out = plainMatMul(b, colT, dy2);
    b.disposeData(colT.dataId);
    b.disposeData(dy2.dataId);
    return { ...out, shape: filterShape.slice() };
  };

  const batchMatMul: Kernel = (args) => {
    const transposeA = attr<boolean>(args, 'transposeA');
    const transposeB = attr<boolean>(args, 'transposeB');
    if (!transposeA && !transposeB) return matMul(args);
    const b = be(args);
    const a0 = input(args, 'a');
    const b0 = input(args, 'b');
    const a2 = transposeA ? swapLast(b, a0) : a0;
    const b2 = transposeB ? swapLast(b, b0) : b0;
    const out = plainMatMul(b, a2, b2);
    if (transposeA) b.disposeData(a2.dataId);
    if (transposeB) b.disposeData(b2.dataId);
    return out;
  };

  const conv2DBackpropInput: Kernel = (args) => {
    const b = be(args);
    const dy = input(args, 'dy');
    const filter = input(args, 'filter');
    const inputShape = attr<number[]>(args, 'inputShape');
    const g = convGeometry(inputShape, filter.shape, args.attrs as unknown as ConvAttrs);
    const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co } = g;
    if (g.strideHeight === 1 && g.strideWidth === 1) {
      // dx = conv2d(dy, W′, 'full' padding) with W′[r, c, o, i] = W[fh−1−r, fw−1−c, i, o]: runs on XNNPACK.
      const wT = b.makeOutput([fh, fw, co, ci], 'float32');
      const wv = b.typedArrayFromHeap(filter);
      const tv = b.typedArrayFromHeap(wT);
      for (let r = 0; r < fh; r++)
        for (let c = 0; c < fw; c++)
          for (let i = 0; i < ci; i++)
            for (let o = 0; o < co; o++)
              tv[((r * fw + c) * co + o) * ci + i] =
                wv[(((fh - 1 - r) * fw + (fw - 1 - c)) * ci + i) * co + o]!;
      const pt = fh - 1 - g.padTop;
      const pl = fw - 1 - g.padLeft;
      const pb = g.inHeight - g.outHeight + fh - 1 - pt;
      const pr = g.inWidth - g.outWidth + fw - 1 - pl;
      const out = conv2d({
        inputs: { x: dy, filter: wT },
        backend: b,
        attrs: {
          strides: 1,
          pad: [
            [0, 0],
            [pt, pb],
            [pl, pr],
            [0, 0],
          ],
          dataFormat: 'NHWC',
          dilations: 1,
        },
      });
      b.disposeData(wT.dataId);
      return out;
    }
    // Strided: cols[M, K] = dy[M, Cout] · W[K, Cout]ᵀ on XNNPACK, then col2im in JS.
    const M = g.batchSize * g.outHeight * g.outWidth;
    const K = fh * fw * ci;
    const dy2 = reshape({ inputs: { x: dy }, backend: b, attrs: { shape: [M, co] } });
    const w2 = reshape({ inputs: { x: filter }, backend: b, attrs: { shape: [K, co] } });
    const wt = swapLast(b, w2);
    const cols = plainMatMul(b, dy2, wt);
    b.disposeData(wt.dataId);
    const out = b.makeOutput(inputShape, 'float32');
    col2im(b.typedArrayFromHeap(cols), g, b.typedArrayFromHeap(out));
    b.disposeData(cols.dataId);
    b.disposeData(dy2.dataId);
    b.disposeData(w2.dataId);
    return out;
  };

  const maxPoolGradK: Kernel = (args) => {
    const b = be(args);
    const dy = input(args, 'dy');
    const x = input(args, 'input');
    const out = b.makeOutput(x.shape, 'float32');
    maxPoolGrad(
      b.typedArrayFromHeap(x),
      x.shape,
      b.typedArrayFromHeap(dy),
      b.typedArrayFromHeap(out),
      poolAttrs(args),
    );
    return out;
  };

  const depthwiseFilter: Kernel = (args) => {
    const b = be(args);
    const x = input(args, 'x');
    const dy = input(args, 'dy');
    const filterShape = attr<number[]>(args, 'filterShape');
    const g = convGeometry(x.shape, filterShape, args.attrs as unknown as ConvAttrs, true);
    const out = b.makeOutput(filterShape, 'float32');
    depthwiseFilterGrad(b.typedArrayFromHeap(x), b.typedArrayFromHeap(dy), g, b.typedArrayFromHeap(out));
    return out;
  };

  const depthwiseInput: Kernel = (args) => {
    const b = be(args);
    const dy = input(args, 'dy');
    const filter = input(args, 'filter');
    const inputShape = attr<number[]>(args, 'inputShape');
    const g = convGeometry(inputShape, filter.shape, args.attrs as unknown as ConvAttrs, true);
    const out = b.makeOutput(inputShape, 'float32');
    depthwiseInputGrad(b.typedArrayFromHeap(dy), b.typedArrayFromHeap(filter), g, b.typedArrayFromHeap(out));
    return out;
  };

  // Bias gradients reduce NHWC dy over its leading axes; stock wasm transposes them innermost first.
  const sumStock = stockKernel(tf.getKernel, 'Sum', 'wasm');
  const sum: Kernel = (args) => {
    const x = input(args, 'x');
    const rank = x.shape.length;
    const axisAttr = attr<number | number[]>(args, 'axis');
    const axes = (Array.isArray(axisAttr) ? axisAttr : [axisAttr])
      .map((a) => (a < 0 ? a + rank : a))
      .sort((a, b) => a - b);
    const isPrefix = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (!isPrefix || x.dtype !== 'float32') return sumStock(args);
    const b = be(args);
    const outShape = x.shape.slice(axes.length);
    const out = b.makeOutput(outShape, 'float32');
    columnSums(
      b.typedArrayFromHeap(x),
      outShape.reduce((p, d) => p * d, 1),
      b.typedArrayFromHeap(out),
    );
    return attr<boolean>(args, 'keepDims') ? { ...out, shape: [...axes.map(() => 1), ...outShape] } : out;
  };

  return {
    Sum: sum,
    Conv2DBackpropFilter: conv2DBackpropFilter,
    BatchMatMul: batchMatMul,
    Conv2DBackpropInput: conv2DBackpropInput,
    MaxPoolGrad: maxPoolGradK,
    DepthwiseConv2dNativeBackpropFilter: depthwiseFilter,
    DepthwiseConv2dNativeBackpropInput: depthwiseInput,
  };
}

/** Pool attributes of a MaxPoolGrad call, resolved to tfjs' geometry. */
export function poolAttrs(args: KernelArgs) {
  const x = input(args, 'input');
  const ci = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number],
    attr<[number, number] | number>(args, 'filterSize'),
    attr<[number, number] | number>(args, 'strides'),
    1,
    attr<Parameters<typeof tf.backend_util.computePool2DInfo>[4]>(args, 'pad'),
    attr<Parameters<typeof tf.backend_util.computePool2DInfo>[5]>(args, 'dimRoundingMode'),
  );
  return windowOf(ci);
}
