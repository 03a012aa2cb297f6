/**
 * Per-class scores of a classifier from its confusion matrix (row-major classes × classes, rows the
 * true class): what the runner summarises (macro F1) and the run page shows. A score whose denominator
 * is zero (a class never predicted, or without samples) is null, not 0, so it is not mistaken for a
 * failure; macro averages skip classes without samples, weighted ones weigh by support.
 */
export interface ClassScore {
  precision: number | null;
  recall: number | null;
  f1: number | null;
  support: number;
}

/** The per-class table of one confusion matrix. */
export interface ClassReport {
  classes: ClassScore[];
  accuracy: number | null;
  macroF1: number | null;
  weightedF1: number | null;
  samples: number;
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Precision, recall, F1 and support per class, plus accuracy and macro/weighted F1. */
export function classReport(confusion: ArrayLike<number>, classes: number): ClassReport {
  if (confusion.length !== classes * classes)
    throw new Error(
      `a confusion matrix of ${classes} classes has ${classes * classes} cells, not ${confusion.length}`,
    );
  const cell = (t: number, p: number) => confusion[t * classes + p] ?? 0;
  let samples = 0;
  let correct = 0;
  const scores: ClassScore[] = [];
  for (let c = 0; c < classes; c++) {
    let support = 0;
    let predicted = 0;
    for (let k = 0; k < classes; k++) {
      support += cell(c, k);
      predicted += cell(k, c);
    }
    const tp = cell(c, c);
    samples += support;
    correct += tp;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = support === 0 ? null : ratio(2 * tp, predicted + support);
    scores.push({ precision, recall, f1, support });
  }
  const present = scores.filter((s) => s.support > 0);
  const macroF1 = present.length ? present.reduce((a, s) => a + (s.f1 ?? 0), 0) / present.length : null;
  const weightedF1 = samples ? present.reduce((a, s) => a + (s.f1 ?? 0) * s.support, 0) / samples : null;
  return { classes: scores, accuracy: ratio(correct, samples), macroF1, weightedF1, samples };
}
