// Public API of @distillery/native: the N-API training engine (csrc/) and its tfjs-facing helpers.
export { loadNative, CPU_LEVELS, DEFAULT_ADDON_PATH } from './load-addon.ts';
export type { CpuLevel, LoadNativeOptions, NativeLoad } from './load-addon.ts';
export { compileModel, UnsupportedModelError } from './compile-model.ts';
export type { CompiledModel } from './compile-model.ts';
export { NativeTrainer } from './native-trainer.ts';
export type { NativeStepResult, NativeAdamState, AdamSettings } from './native-trainer.ts';
export type {
  AddonInfo,
  AddonSession,
  GraphSpec,
  LossSpec,
  NativeAddon,
  NodeSpec,
  Geometry,
} from './addon-types.ts';
