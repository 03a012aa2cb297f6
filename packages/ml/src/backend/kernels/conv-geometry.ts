import * as tf from '@tensorflow/tfjs';
import { attr, input, type KernelArgs } from './kernel-types.ts';
import { windowOf, type ConvGeometry } from './im2col.ts';

type Pad = Parameters<typeof tf.backend_util.computeConv2DInfo>[4];
type Rounding = Parameters<typeof tf.backend_util.computeConv2DInfo>[5];

/** Conv attributes as tfjs passes them to Conv2D gradient kernels. */
export interface ConvAttrs {
  strides: number | [number, number];
  pad: Pad;
  dimRoundingMode?: Rounding;
  dilations?: number | [number, number];
}

/** tfjs' own NHWC convolution geometry (so padding matches the reference kernels exactly). */
export function convGeometry(
  xShape: number[],
  filterShape: number[],
  a: ConvAttrs,
  depthwise = false,
): ConvGeometry & { outChannels: number; dilationHeight: number; dilationWidth: number } {
  const ci = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    depthwise,
    'channelsLast',
  );
  return {
    ...windowOf(ci),
    batchSize: ci.batchSize,
    inHeight: ci.inHeight,
    inWidth: ci.inWidth,
    inChannels: ci.inChannels,
    outChannels: ci.outChannels,
    dilationHeight: ci.dilationHeight,
    dilationWidth: ci.dilationWidth,
  };
}

/** Inputs and GEMM sizes of a Conv2DBackpropFilter call: dW[K, Cout] = colT[K, M] · dy[M, Cout]. */
export function filterGradSetup(args: KernelArgs) {
  const x = input(args, 'x');
  const dy = input(args, 'dy');
  const filterShape = attr<number[]>(args, 'filterShape');
  const g = convGeometry(x.shape, filterShape, args.attrs as unknown as ConvAttrs);
  return {
    x,
    dy,
    filterShape,
    g,
    M: g.batchSize * g.outHeight * g.outWidth,
    K: g.filterHeight * g.filterWidth * g.inChannels,
  };
}
