// Multi-teacher knowledge distillation: KD losses and the five modes of the MTKD method.
export {
  categoricalCrossEntropy,
  combineLosses,
  kdLoss,
  KERAS_EPSILON,
  kerasKlDivergence,
  softTargets,
  validateKdConfig,
  type KdConfig,
  type TemperatureMode,
} from './losses.ts';
