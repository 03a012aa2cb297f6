/**
 * What each teacher contributes to a student, measured on the validation split at every epoch end
 * (the names and meanings of the logged keys are `TEACHER_METRICS` in @distillery/domain):
 * - every mode: the student's (head-mean) agreement with teacher i;
 * - mimic_all: head i against its own teacher i (agreement, KL) and against the labels;
 * - supernet/supernet2: teacher i's share of the frozen aggregator's logits.
 * output_avg and loss_avg have one head and no learned weights: agreement is all there is.
 */
import { argmaxRows } from '../train/evaluate.ts';
import { KERAS_EPSILON } from './losses.ts';

/** Per-teacher figures of one epoch, each indexed by member position. */
export interface TeacherContribution {
  agreement: number[];
  headAgreement?: number[];
  headKl?: number[];
  headAccuracy?: number[];
  aggregatorShare?: number[];
}

/** Inputs of {@link teacherContribution}: samples × classes probability matrices, row-major. */
export interface ContributionInput {
  /** The student's prediction (the head mean). */
  student: Float32Array;
  /** mimic_all: each head's softmax, head i paired with teacher i. */
  heads?: Float32Array[];
  /** Each teacher's softmax, in member order. */
  teachers: readonly Float32Array[];
  labels: Int32Array;
  numClasses: number;
}

function agreeing(a: Int32Array, b: Int32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / Math.max(1, a.length);
}

/** Mean over samples of KL(t ‖ s) = Σ_c t_c·log(t_c / s_c), both clipped to [ε, 1] as Keras does. */
export function meanKl(t: Float32Array, s: Float32Array, numClasses: number): number {
  const clip = (v: number) => Math.min(1, Math.max(KERAS_EPSILON, v));
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const ti = clip(t[i]!);
    sum += ti * Math.log(ti / clip(s[i]!));
  }
  return sum / Math.max(1, t.length / numClasses);
}

/** Agreement with every teacher and, with `heads`, each head against its own teacher and the labels. */
export function teacherContribution(o: ContributionInput): TeacherContribution {
  const C = o.numClasses;
  const teacherClasses = o.teachers.map((t) => argmaxRows(t, C));
  const studentClasses = argmaxRows(o.student, C);
  const out: TeacherContribution = { agreement: teacherClasses.map((t) => agreeing(studentClasses, t)) };
  const heads = o.heads;
  if (heads && heads.length === o.teachers.length && heads.length > 1) {
    const headClasses = heads.map((h) => argmaxRows(h, C));
    out.headAgreement = headClasses.map((h, i) => agreeing(h, teacherClasses[i]!));
    out.headKl = heads.map((h, i) => meanKl(o.teachers[i]!, h, C));
    out.headAccuracy = headClasses.map((h) => agreeing(h, o.labels));
  }
  return out;
}

/**
 * Each teacher's share of a linear aggregator's logits z = Σ_i x_i·W_i + b: Σ_{n,c} |(x_i·W_i)_{n,c}|
 * over all of them. `inputs[i]` is samples × D (teacher i's logits or features), `kernel` is
 * [K·D, C] row-major with teacher i's block in rows i·D … (i+1)·D − 1. Input scale is part of it (a
 * large weight on a near-zero feature contributes little), which is why the share is measured on
 * data rather than read off the kernel.
 */
export function aggregatorShares(
  inputs: readonly Float32Array[],
  kernel: ArrayLike<number>,
  numClasses: number,
): number[] {
  const K = inputs.length;
  const D = kernel.length / numClasses / Math.max(1, K);
  const mass = inputs.map((x, i) => {
    const n = x.length / D;
    const z = new Float64Array(numClasses);
    let total = 0;
    for (let r = 0; r < n; r++) {
      z.fill(0);
      for (let d = 0; d < D; d++) {
        const v = x[r * D + d]!;
        if (v === 0) continue;
        const row = (i * D + d) * numClasses;
        for (let c = 0; c < numClasses; c++) z[c]! += v * kernel[row + c]!;
      }
      for (let c = 0; c < numClasses; c++) total += Math.abs(z[c]!);
    }
    return total;
  });
  const all = mass.reduce((a, b) => a + b, 0);
  return mass.map((m) => (all > 0 ? m / all : 1 / K));
}
