import * as tf from '@tensorflow/tfjs';
import { ADAM_KERNEL, cpuAdamKernel, wasmAdamKernel } from './kernels/adam-kernel.ts';
import { cpuKernelOverrides } from './kernels/cpu-kernels.ts';
import { wasmKernelOverrides } from './kernels/wasm-kernels.ts';

const installed = new Set<string>();

/**
 * Register the project's kernels for `backendName` (once per process). Stock kernels are captured
 * before they are replaced, so overrides can delegate to them.
 */
export function registerProjectKernels(backendName: string): string[] {
  const overrides: Record<string, unknown> =
    backendName === 'wasm'
      ? { ...wasmKernelOverrides(), [ADAM_KERNEL]: wasmAdamKernel }
      : backendName === 'cpu'
        ? { ...cpuKernelOverrides(), [ADAM_KERNEL]: cpuAdamKernel }
        : {};
  const names = Object.keys(overrides);
  if (installed.has(backendName)) return names;
  for (const [kernelName, kernelFunc] of Object.entries(overrides)) {
    if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  installed.add(backendName);
  return names;
}
