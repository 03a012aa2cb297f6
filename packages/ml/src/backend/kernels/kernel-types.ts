import type * as tf from '@tensorflow/tfjs';

/** The part of the wasm backend's API the project's kernels use (tfjs-backend-wasm 4.22 `BackendWasm`). */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
  disposeData(dataId: object): boolean;
}

/** The part of the cpu backend's API the project's kernels use (tfjs-backend-cpu 4.22 `MathBackendCPU`). */
export interface CpuBackendLike {
  readSync(dataId: object): Float32Array;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

/** Arguments every kernel function receives; attrs are read with the helpers below. */
export interface KernelArgs {
  inputs: Record<string, tf.TensorInfo | undefined>;
  backend: unknown;
  attrs?: Record<string, unknown>;
}

/** A required input of a kernel (tfjs always passes them; this narrows the optional index type). */
export function input(args: KernelArgs, name: string): tf.TensorInfo {
  const t = args.inputs[name];
  if (!t) throw new Error(`kernel input ${name} missing`);
  return t;
}

/** A kernel attribute, typed by the caller (tfjs passes attrs as an untyped map). */
export function attr<T>(args: KernelArgs, name: string): T {
  return (args.attrs ?? {})[name] as T;
}

/** The stock kernel function registered for `backendName`, captured before an override replaces it. */
export function stockKernel(
  getKernel: typeof tf.getKernel,
  name: string,
  backendName: string,
): (a: KernelArgs) => tf.TensorInfo {
  const k = getKernel(name, backendName);
  if (!k) throw new Error(`stock kernel ${name} for ${backendName} is missing`);
  return k.kernelFunc as unknown as (a: KernelArgs) => tf.TensorInfo;
}
