import * as tf from '@tensorflow/tfjs';
import { filterGradSetup } from './conv-geometry.ts';
import { im2colTransposed } from './im2col.ts';
import { stockKernel, type CpuBackendLike, type KernelArgs } from './kernel-types.ts';

type Kernel = (a: KernelArgs) => tf.TensorInfo;

/**
 * The cpu backend has every kernel, but its Conv2DBackpropFilter is pathological (0.76 s per step
 * for a 16-filter 3×3 conv, training-throughput.md §5d); replace it with im2col + the cpu GEMM.
 */
export function cpuKernelOverrides(): Record<string, Kernel> {
  const matMul = stockKernel(tf.getKernel, 'BatchMatMul', 'cpu');
  const conv2DBackpropFilter: Kernel = (args) => {
    const b = args.backend as CpuBackendLike;
    const { x, dy, filterShape, g, M, K } = filterGradSetup(args);
    const col = new Float32Array(K * M);
    im2colTransposed(b.readSync(x.dataId), g, col);
    const colT = b.makeTensorInfo([1, K, M], 'float32', col);
    const dy2 = b.makeTensorInfo([1, M, g.outChannels], 'float32', b.readSync(dy.dataId));
    const out = matMul({
      inputs: { a: colT, b: dy2 },
      backend: b,
      attrs: { transposeA: false, transposeB: false },
    });
    b.disposeIntermediateTensorInfo(colT);
    b.disposeIntermediateTensorInfo(dy2);
    return { ...out, shape: filterShape.slice() };
  };
  return { Conv2DBackpropFilter: conv2DBackpropFilter };
}
