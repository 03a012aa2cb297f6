// The tuned PyTorch reference of the train bench (packages/native/bench/torch_ref.py, a copy of the
// team's shared reference script), run in the same bench run as our engines.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureChild } from './train-load.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The reference script committed with the native engine (override with --torch-ref or DISTILLERY_TORCH_REF). */
export const DEFAULT_TORCH_REF = join(here, '..', '..', 'native', 'bench', 'torch_ref.py');
/** Debian's interpreter: python3-torch is a system package (a pyenv python first on PATH lacks it). */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/** The tuned environment of torch_ref.py's docstring (training-throughput.md §5b–5c). */
export const TUNED_ENV = {
  OPENBLAS_NUM_THREADS: '1',
  MALLOC_MMAP_THRESHOLD_: '33554432',
  MALLOC_TRIM_THRESHOLD_: '68719476736',
  MALLOC_TOP_PAD_: '268435456',
  MALLOC_ARENA_MAX: '1',
};

/** Why the torch reference cannot run here, or null when it can. */
export function torchUnavailable(python: string, script: string): string | null {
  if (!existsSync(script)) return `reference script ${script} not found`;
  const r = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (r.error) return `${python}: ${r.error.message}`;
  if (r.status !== 0)
    return `python3-torch is not importable by ${python} (apt-get install python3-torch libopenblas0-pthread)`;
  return null;
}

/** One torch row per mode (1thread, 2threads, 2proc) for `model`, with the load measured around the run. */
export function runTorch(python: string, script: string, model: string): Record<string, unknown>[] {
  const { result, otherCores, load } = measureChild(() =>
    spawnSync(python, [script, model], {
      encoding: 'utf8',
      env: { ...process.env, ...TUNED_ENV },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  if (result.status !== 0) throw new Error(`torch_ref.py ${model} failed with status ${result.status}`);
  return result.stdout
    .trim()
    .split('\n')
    .map((l) => ({ ...(JSON.parse(l) as Record<string, unknown>), otherCores, load }));
}
