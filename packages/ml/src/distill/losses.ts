/**
 * Knowledge-distillation losses, pure functions of tensors in the tfjs-layers style.
 *
 * Total loss (ZuchniakK/MTKD `Distiller.train_step`): L = α·CE(y, p_s) + (1 − α)·L_KD.
 *
 * Temperature — two clearly named modes:
 * - `AS_ORIGINAL`: what the original code does. It stores a temperature but never applies it, so
 *   teachers and student are compared on plain softmax outputs (T = 1) with Keras `KLDivergence`:
 *   mean over the batch of Σ_c t_c·log(t_c / s_c), both clipped to [1e-7, 1]. A temperature other
 *   than 1 is refused rather than silently ignored.
 * - `HINTON`: Hinton, Vinyals & Dean, "Distilling the Knowledge in a Neural Network" (2015, §2):
 *   t = softmax(z_t / T), s = softmax(z_s / T), L_KD = T²·KL(t ‖ s). The gradient of the soft term
 *   scales as 1/T², so without the T² factor raising T would silently shrink the soft loss against
 *   the CE term (the keras-io example omits it; keras-io issue #869). CE stays at T = 1.
 *
 * α weighs the hard-label term: α = 1 is plain training (the baseline), α = 0 pure imitation; the
 * original's experiments use α ∈ {0, 0.25, 0.5, 0.75}.
 */
import * as tf from '@tensorflow/tfjs';
import { TEMPERATURE_MODES, type TemperatureMode } from '@distillery/domain';
import { badInput } from '@distillery/errors';

/** Keras' epsilon (`keras.backend.epsilon()`), used by its CE and KL clipping. */
export const KERAS_EPSILON = 1e-7;

/** Distillation loss settings. */
export interface KdConfig {
  /** Weight of the hard-label CE term, in [0, 1]. */
  alpha: number;
  temperatureMode: TemperatureMode;
  /** T > 0; must be 1 in `AS_ORIGINAL` mode. */
  temperature: number;
}

/** Validate α ∈ [0, 1], T > 0 and the mode; throws BAD_USER_INPUT naming the field. */
export function validateKdConfig(cfg: KdConfig): KdConfig {
  if (!(cfg.alpha >= 0 && cfg.alpha <= 1)) throw badInput('alpha', cfg.alpha, 'must be in [0, 1]');
  if (!TEMPERATURE_MODES.includes(cfg.temperatureMode)) {
    throw badInput('temperatureMode', cfg.temperatureMode, `must be one of ${TEMPERATURE_MODES.join(', ')}`);
  }
  if (!(cfg.temperature > 0) || !Number.isFinite(cfg.temperature))
    throw badInput('temperature', cfg.temperature, 'must be a finite number > 0');
  if (cfg.temperatureMode === 'AS_ORIGINAL' && cfg.temperature !== 1) {
    throw badInput(
      'temperature',
      cfg.temperature,
      'the original never applies a temperature (T = 1); use temperatureMode HINTON to soften',
    );
  }
  return cfg;
}

/** Keras `categorical_crossentropy` on probabilities: rows renormalised, clipped to [ε, 1 − ε], batch mean. */
export function categoricalCrossEntropy(yOneHot: tf.Tensor2D, probs: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(tf.div(probs, tf.sum(probs, -1, true)), KERAS_EPSILON, 1 - KERAS_EPSILON);
    return tf.mean(tf.neg(tf.sum(tf.mul(yOneHot, tf.log(p)), -1))) as tf.Scalar;
  });
}

/** Keras `KLDivergence(target, prediction)`: batch mean of Σ t·log(t/s), both clipped to [1e-7, 1]. */
export function kerasKlDivergence(target: tf.Tensor2D, prediction: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const t = tf.clipByValue(target, KERAS_EPSILON, 1);
    const s = tf.clipByValue(prediction, KERAS_EPSILON, 1);
    return tf.mean(tf.sum(tf.mul(t, tf.log(tf.div(t, s))), -1)) as tf.Scalar;
  });
}

/** A teacher's soft targets from its logits: softmax(z / T) (T = 1 in `AS_ORIGINAL` mode). */
export function softTargets(teacherLogits: tf.Tensor2D, cfg: KdConfig): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf.softmax(
        cfg.temperatureMode === 'HINTON' ? tf.div(teacherLogits, cfg.temperature) : teacherLogits,
      ) as tf.Tensor2D,
  );
}

/**
 * L_KD of student logits against soft targets `target` (already softened, e.g. by {@link softTargets}
 * or an average of them): `AS_ORIGINAL` → Keras KL(target ‖ softmax(z_s)); `HINTON` → T²·batch mean of
 * Σ t·(log t − log_softmax(z_s / T)), with log t clipped at 1e-7 and the student side exact.
 */
export function kdLoss(target: tf.Tensor2D, studentLogits: tf.Tensor2D, cfg: KdConfig): tf.Scalar {
  return tf.tidy(() => {
    if (cfg.temperatureMode === 'AS_ORIGINAL')
      return kerasKlDivergence(target, tf.softmax(studentLogits) as tf.Tensor2D);
    const T = cfg.temperature;
    const logS = tf.logSoftmax(tf.div(studentLogits, T));
    const logT = tf.log(tf.clipByValue(target, KERAS_EPSILON, 1));
    return tf.mul(tf.mean(tf.sum(tf.mul(target, tf.sub(logT, logS)), -1)), T * T) as tf.Scalar;
  });
}

/** α·CE + (1 − α)·KD, with both parts returned for logging. */
export function combineLosses(ce: tf.Scalar, kd: tf.Scalar, alpha: number): tf.Scalar {
  return tf.tidy(() => tf.add(tf.mul(ce, alpha), tf.mul(kd, 1 - alpha)) as tf.Scalar);
}
