/**
 * The distillation modes of the MTKD method (ZuchniakK/MTKD `distillation/train.py`,
 * mtkd-method.md §4.2), one named function each. All share L = α·CE(y, p_s) + (1 − α)·L_KD, frozen
 * teachers on the student's own (augmented) batch, and gradients into the student only, on the
 * training engine (run-distillation.ts); the temperature choice is documented in losses.ts. The
 * labels-only baseline is `trainModel` on the student architecture: the same engine and budget.
 */
import { runDistillation, type DistillResult } from './run-distillation.ts';
import type { DistillOptions } from './options.ts';

/** output_avg: L_KD = KL(mean_i t_i ‖ s), the student imitates the teachers' averaged probabilities. */
export function distillOutputAvg(options: DistillOptions): Promise<DistillResult> {
  return runDistillation('OUTPUT_AVG', options);
}

/** loss_avg: L_KD = (1/N) Σ_i KL(t_i ‖ s), the mean of one KD loss per teacher on the single head. */
export function distillLossAvg(options: DistillOptions): Promise<DistillResult> {
  return runDistillation('LOSS_AVG', options);
}

/**
 * mimic_all (the method's headline result): N heads on the student's shared pooled features, head i
 * imitates teacher i, L_KD = (1/N) Σ_i KL(t_i ‖ h_i), CE on the mean of the heads' probabilities, and
 * the student predicts that head mean at inference.
 */
export function distillMimicAll(options: DistillOptions): Promise<DistillResult> {
  return runDistillation('MIMIC_ALL', options);
}

/**
 * supernet: first a Dense(C) softmax aggregator is trained on the frozen teachers' concatenated
 * logits (≤ 50 epochs, patience 5, best weights restored, on `val`), then the student distils from the
 * aggregator as from a single teacher.
 */
export function distillSupernet(options: DistillOptions): Promise<DistillResult> {
  return runDistillation('SUPERNET', options);
}

/** supernet2: as supernet, but the aggregator reads the teachers' concatenated pooled features. */
export function distillSupernet2(options: DistillOptions): Promise<DistillResult> {
  return runDistillation('SUPERNET2', options);
}
