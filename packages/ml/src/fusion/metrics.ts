/** Classification metrics for fused (or single-model) predictions. */
import { argmaxRows } from '@distillery/domain';
import { LOG_EPSILON } from './score-rules.ts';

/** Accuracy, per-class accuracy (recall) and the confusion matrix of hard predictions. */
export interface ClassificationMetrics {
  accuracy: number;
  /** Correct / support per true class; NaN for a class with no samples. */
  perClassAccuracy: number[];
  /** Row-major `classes × classes`: `confusion[true * C + predicted]`. */
  confusion: Int32Array;
}

/** Calibration and likelihood of a probability matrix. */
export interface ProbabilityMetrics {
  /** Expected calibration error with {@link ECE_BINS} equal-width confidence bins. */
  ece: number;
  /** Mean negative log-likelihood of the true class, probabilities clipped at 1e-7. */
  nll: number;
}

/** Bins of the ECE (Guo, Pleiss, Sun & Weinberger, "On Calibration of Modern Neural Networks", ICML 2017). */
export const ECE_BINS = 15;

/** Accuracy, per-class accuracy and confusion matrix of `predictions` against `labels`. */
export function classificationMetrics(
  predictions: Int32Array,
  labels: Int32Array,
  classes: number,
): ClassificationMetrics {
  const confusion = new Int32Array(classes * classes);
  let correct = 0;
  for (let s = 0; s < labels.length; s++) {
    const y = labels[s] as number;
    const p = predictions[s] as number;
    confusion[y * classes + p] = (confusion[y * classes + p] as number) + 1;
    if (y === p) correct++;
  }
  const perClassAccuracy: number[] = [];
  for (let c = 0; c < classes; c++) {
    let support = 0;
    for (let k = 0; k < classes; k++) support += confusion[c * classes + k] as number;
    perClassAccuracy.push(support === 0 ? NaN : (confusion[c * classes + c] as number) / support);
  }
  return { accuracy: correct / labels.length, perClassAccuracy, confusion };
}

/**
 * ECE = Σ_b (n_b / N) · |acc_b − conf_b| over confidence bins (confidence = max probability, Guo et al.
 * 2017, eq. 3), and NLL = −(1/N) Σ_s log max(p_s[y_s], 1e-7).
 */
export function probabilityMetrics(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
): ProbabilityMetrics {
  const binCount = new Float64Array(ECE_BINS);
  const binCorrect = new Float64Array(ECE_BINS);
  const binConfidence = new Float64Array(ECE_BINS);
  let nll = 0;
  const predicted = argmaxRows(probabilities, classes);
  for (let s = 0; s < labels.length; s++) {
    const off = s * classes;
    const y = labels[s] as number;
    const best = predicted[s] as number;
    const confidence = probabilities[off + best] as number;
    const bin = Math.min(ECE_BINS - 1, Math.floor(confidence * ECE_BINS));
    binCount[bin] = (binCount[bin] as number) + 1;
    binConfidence[bin] = (binConfidence[bin] as number) + confidence;
    if (best === y) binCorrect[bin] = (binCorrect[bin] as number) + 1;
    nll -= Math.log(Math.max(probabilities[off + y] as number, LOG_EPSILON));
  }
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) {
    const n = binCount[b] as number;
    if (n > 0) ece += Math.abs((binCorrect[b] as number) - (binConfidence[b] as number)) / labels.length;
  }
  return { ece, nll: nll / labels.length };
}

/**
 * The confusion matrix of a probability matrix (samples × classes) against `labels`: each sample counts
 * at (true class, most probable class; the lowest index wins a tie), row-major like
 * {@link ClassificationMetrics.confusion}.
 */
export function confusionOfProbabilities(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
): Int32Array {
  const confusion = new Int32Array(classes * classes);
  const best = argmaxRows(probabilities, classes);
  for (let s = 0; s < labels.length; s++) {
    const at = (labels[s] as number) * classes + (best[s] as number);
    confusion[at] = (confusion[at] as number) + 1;
  }
  return confusion;
}

/** Accuracy only (the ensemble-size study's inner loop). */
export function accuracyOf(predictions: Int32Array, labels: Int32Array): number {
  let correct = 0;
  for (let s = 0; s < labels.length; s++) if (predictions[s] === labels[s]) correct++;
  return correct / labels.length;
}
