import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddonInfo, NativeAddon } from './addon-types.ts';

/** Instruction sets the kernels can be forced to (the bench's AVX2-only rows, tests of the portable path). */
export const CPU_LEVELS = ['auto', 'avx512', 'avx2', 'portable'] as const;
export type CpuLevel = (typeof CPU_LEVELS)[number];

/** Options of {@link loadNative}. */
export interface LoadNativeOptions {
  /** Force an instruction set (default auto: the best the CPU has). */
  cpu?: CpuLevel;
  /** The compiled addon (default: this package's build/Release/distillery_native.node). */
  addonPath?: string;
}

/** Outcome of loading the addon: the addon and what it runs, or why it is unavailable. */
export type NativeLoad =
  { ok: true; addon: NativeAddon; info: AddonInfo; path: string } | { ok: false; reason: string };

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the install script puts the addon. */
export const DEFAULT_ADDON_PATH = join(packageRoot, 'build', 'Release', 'distillery_native.node');
const cache = new Map<string, NativeLoad>();

function buildStatusReason(): string {
  try {
    const s = JSON.parse(readFileSync(join(packageRoot, 'build', 'status.json'), 'utf8')) as {
      reason?: string;
    };
    return s.reason ? `the install-time build did not produce it: ${s.reason}` : 'not built';
  } catch {
    return 'not built (run `npm run build -w @distillery/native`)';
  }
}

/**
 * Load the native addon once per path and select its instruction set. Never throws: a missing or
 * unloadable addon, or a CPU level the machine lacks, comes back as `{ ok: false, reason }` so the
 * caller can fall back to tfjs and log why.
 */
export function loadNative(options: LoadNativeOptions = {}): NativeLoad {
  const path = options.addonPath ?? DEFAULT_ADDON_PATH;
  let loaded = cache.get(path);
  if (!loaded) {
    if (!existsSync(path)) {
      loaded = {
        ok: false,
        reason: `native addon ${path} is missing: ${path === DEFAULT_ADDON_PATH ? buildStatusReason() : 'no such file'}`,
      };
    } else {
      try {
        const addon = createRequire(import.meta.url)(path) as NativeAddon;
        loaded = { ok: true, addon, info: addon.info(), path };
      } catch (e) {
        loaded = {
          ok: false,
          reason: `native addon ${path} failed to load: ${(e as Error).message.split('\n')[0]}`,
        };
      }
    }
    cache.set(path, loaded);
  }
  if (!loaded.ok) return loaded;
  try {
    loaded.addon.selectCpu(options.cpu ?? 'auto');
  } catch (e) {
    return { ok: false, reason: `native engine: ${(e as Error).message}` };
  }
  return { ...loaded, info: loaded.addon.info() };
}
