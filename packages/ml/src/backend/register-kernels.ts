import * as tf from '@tensorflow/tfjs';
import { loadNative } from '@distillery/native';
import { ADAM_KERNEL, cpuAdamKernel, wasmAdamKernel } from './kernels/adam-kernel.ts';
import { cpuKernelOverrides } from './kernels/cpu-kernels.ts';
import { nativeKernelOverrides } from './kernels/native-kernels.ts';
import { wasmKernelOverrides } from './kernels/wasm-kernels.ts';

const installed = new Map<string, string[]>();

/**
 * Register the project's kernels for `backendName` (once per process). Stock kernels are captured
 * before they are replaced, so overrides can delegate to them. On wasm, the native engine's kernels
 * (when its addon loads) take over from the JS ones and fall back to them case by case.
 */
export function registerProjectKernels(backendName: string, options: { native?: boolean } = {}): string[] {
  const done = installed.get(backendName);
  if (done) return done;
  let overrides: Record<string, unknown> = {};
  if (backendName === 'wasm') {
    const js = { ...wasmKernelOverrides(), [ADAM_KERNEL]: wasmAdamKernel };
    const native = options.native === false ? null : loadNative();
    overrides = native?.ok ? { ...js, ...nativeKernelOverrides(native.addon, js as never) } : js;
  } else if (backendName === 'cpu') {
    overrides = { ...cpuKernelOverrides(), [ADAM_KERNEL]: cpuAdamKernel };
  }
  for (const [kernelName, kernelFunc] of Object.entries(overrides)) {
    if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ kernelName, backendName, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
  const names = Object.keys(overrides);
  installed.set(backendName, names);
  return names;
}
