import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { registerProjectKernels } from './register-kernels.ts';

/**
 * Backends in order of preference; `tensorflow` is tfjs-node's native backend (GPU or CPU build).
 * `webgpu` (Dawn from the `webgpu` npm package + @tensorflow/tfjs-backend-webgpu) is opt-in only:
 * never part of `auto`, see docs/native-engine.md "GPU hosts".
 */
export const BACKEND_CHOICES = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu', 'webgpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** What `initBackend` selected, for logs and run records. */
export interface BackendReport {
  /** tfjs backend name now active: `tensorflow`, `webgpu`, `wasm` or `cpu`. */
  name: string;
  /** Which package provided it. */
  provider:
    | '@tensorflow/tfjs-node-gpu'
    | '@tensorflow/tfjs-node'
    | '@tensorflow/tfjs-backend-webgpu'
    | '@tensorflow/tfjs-backend-wasm'
    | '@tensorflow/tfjs-backend-cpu';
  usesGpu: boolean;
  /** Kernels the project registered for this backend. */
  projectKernels: string[];
  /** Why preferred backends were skipped (missing package, no CUDA device, ...). */
  skipped: string[];
}

let current: BackendReport | undefined;

/** Parse the backend choice from an env record, e.g. the runner's `ML_BACKEND` (default `auto`). */
export function parseBackendChoice(value: string | undefined, field = 'ML_BACKEND'): BackendChoice {
  if (value === undefined || value === '') return 'auto';
  if ((BACKEND_CHOICES as readonly string[]).includes(value)) return value as BackendChoice;
  throw badInput(field, value, `must be one of ${BACKEND_CHOICES.join(', ')}`);
}

async function tryNode(
  pkg: '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node',
  skipped: string[],
): Promise<BackendReport | undefined> {
  try {
    // A variable specifier: the packages are optional (they download libtensorflow at install time).
    const spec: string = pkg;
    await import(spec);
    if (!(await tf.setBackend('tensorflow'))) throw new Error('backend tensorflow did not initialise');
    const usesGpu = Boolean((tf.backend() as { isUsingGpuDevice?: boolean }).isUsingGpuDevice);
    if (pkg === '@tensorflow/tfjs-node-gpu' && !usesGpu) {
      skipped.push(`${pkg}: no CUDA device answered`);
      return undefined;
    }
    return { name: 'tensorflow', provider: pkg, usesGpu, projectKernels: [], skipped };
  } catch (e) {
    skipped.push(`${pkg}: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/**
 * A WebGPU adapter from Dawn (the `webgpu` package ships dawn.node), or why there is none. On Linux
 * Dawn needs libvulkan and a Vulkan driver (NVIDIA: the driver's nvidia_icd.json).
 */
export async function webGpuAdapter(): Promise<{ gpu: unknown; adapter: unknown } | { reason: string }> {
  try {
    const spec: string = 'webgpu'; // optional dependency: a variable specifier keeps it lazy
    const { create, globals } = (await import(spec)) as {
      create: (o: string[]) => { requestAdapter(): Promise<unknown> };
      globals: object;
    };
    Object.assign(globalThis, globals);
    const gpu = create([]);
    const adapter = await gpu.requestAdapter();
    return adapter
      ? { gpu, adapter }
      : { reason: 'Dawn found no WebGPU adapter (no GPU, or no Vulkan driver/libvulkan)' };
  } catch (e) {
    return { reason: `webgpu package: ${(e as Error).message.split('\n')[0]}` };
  }
}

async function tryWebGpu(skipped: string[]): Promise<BackendReport | undefined> {
  const found = await webGpuAdapter();
  if ('reason' in found) {
    skipped.push(`webgpu: ${found.reason}`);
    return undefined;
  }
  try {
    // tfjs-backend-webgpu reads navigator.gpu (Node 20 has no navigator).
    const g = globalThis as { navigator?: { gpu?: unknown } };
    g.navigator = { ...(g.navigator ?? {}), gpu: found.gpu };
    const spec: string = '@tensorflow/tfjs-backend-webgpu';
    await import(spec);
    if (!(await tf.setBackend('webgpu'))) throw new Error('backend webgpu did not initialise');
    await tf.ready();
    return {
      name: 'webgpu',
      provider: '@tensorflow/tfjs-backend-webgpu',
      usesGpu: true,
      projectKernels: [],
      skipped,
    };
  } catch (e) {
    skipped.push(`webgpu: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

async function tryJs(
  name: 'wasm' | 'cpu',
  skipped: string[],
  withKernels: boolean,
): Promise<BackendReport | undefined> {
  try {
    if (name === 'wasm') {
      // Point at the package's own .wasm files (also works when bundled or inside a worker).
      const require = createRequire(import.meta.url);
      setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
    }
    if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not initialise`);
    await tf.ready();
    const projectKernels = withKernels ? registerProjectKernels(name) : [];
    const provider = name === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : '@tensorflow/tfjs-backend-cpu';
    return { name, provider, usesGpu: false, projectKernels, skipped };
  } catch (e) {
    skipped.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

/**
 * Select and initialise the tfjs backend: tfjs-node-gpu when installed and a CUDA device answers,
 * tfjs-node when installed, else wasm (with the project's kernels), else the pure-JS cpu backend.
 * A forced choice that cannot start throws CONFIG instead of falling back.
 */
export async function initBackend(
  options: {
    backend?: BackendChoice;
    /** Default true; false keeps the stock kernels (benchmark baselines). */ projectKernels?: boolean;
  } = {},
): Promise<BackendReport> {
  const choice = parseBackendChoice(options.backend, 'backend');
  if (
    current &&
    (choice === 'auto' || choice === current.name || (choice === 'tensorflow-gpu' && current.usesGpu))
  ) {
    if (tf.getBackend() === current.name) return current;
  }
  const skipped: string[] = [];
  const order: BackendChoice[] =
    choice === 'auto' ? ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] : [choice];
  for (const c of order) {
    const r =
      c === 'webgpu'
        ? await tryWebGpu(skipped)
        : c === 'tensorflow-gpu'
          ? await tryNode('@tensorflow/tfjs-node-gpu', skipped)
          : c === 'tensorflow'
            ? await tryNode('@tensorflow/tfjs-node', skipped)
            : await tryJs(c === 'wasm' ? 'wasm' : 'cpu', skipped, options.projectKernels ?? true);
    if (r) {
      current = r;
      return r;
    }
  }
  throw new AppError(AppErrorCode.CONFIG, `backend ${choice} could not be started: ${skipped.join('; ')}`, {
    field: 'backend',
    value: choice,
  });
}

/** The report of the last `initBackend` call, if any. */
export function currentBackend(): BackendReport | undefined {
  return current;
}

/** Versions of the ML libraries in this process, for run records (tfjs packages and Node). */
export function libraryVersions(): Record<string, string> {
  // Only a started tfjs-node backend has a libtensorflow version (and asking tf.backend() would start one).
  const node =
    current?.name === 'tensorflow'
      ? (tf.backend() as { binding?: { TF_Version?: string } }).binding?.TF_Version
      : undefined;
  return {
    node: process.version,
    '@tensorflow/tfjs': tf.version.tfjs,
    '@tensorflow/tfjs-core': tf.version_core,
    '@tensorflow/tfjs-layers': tf.version_layers,
    '@tensorflow/tfjs-backend-wasm': version_wasm,
    ...(node ? { libtensorflow: node } : {}),
  };
}
