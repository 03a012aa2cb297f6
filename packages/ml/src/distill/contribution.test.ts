import { describe, expect, it } from 'vitest';
import { aggregatorShares, meanKl, teacherContribution } from './contribution.ts';

// Four samples, two classes, written out so every figure can be checked by hand.
const rows = (...r: number[][]) => Float32Array.from(r.flat());
const labels = Int32Array.of(0, 1, 0, 1);
// Teacher 0 predicts 0,1,0,1 (all right); teacher 1 predicts 0,0,0,0.
const t0 = rows([0.9, 0.1], [0.2, 0.8], [0.7, 0.3], [0.4, 0.6]);
const t1 = rows([0.6, 0.4], [0.6, 0.4], [0.8, 0.2], [0.9, 0.1]);
// Head 0 predicts 0,1,1,1; head 1 predicts 0,0,0,0 (exactly teacher 1's distribution).
const h0 = rows([0.8, 0.2], [0.3, 0.7], [0.4, 0.6], [0.1, 0.9]);
const h1 = t1.slice();

describe('teacherContribution', () => {
  it('measures the student against each teacher and each head against its own teacher', () => {
    // Student (head mean) predicts 0,1,0,0.
    const student = rows([0.7, 0.3], [0.45, 0.55], [0.6, 0.4], [0.5001, 0.4999]);
    const c = teacherContribution({ student, heads: [h0, h1], teachers: [t0, t1], labels, numClasses: 2 });
    expect(c.agreement).toEqual([3 / 4, 3 / 4]);
    expect(c.headAgreement).toEqual([3 / 4, 1]);
    expect(c.headAccuracy).toEqual([3 / 4, 2 / 4]);
    expect(c.headKl![1]).toBeCloseTo(0, 7);
    // KL(t0 ‖ h0) by hand, sample by sample.
    const kl = (t: number[], s: number[]) => t.reduce((a, ti, k) => a + ti * Math.log(ti / s[k]!), 0);
    const expected =
      (kl([0.9, 0.1], [0.8, 0.2]) +
        kl([0.2, 0.8], [0.3, 0.7]) +
        kl([0.7, 0.3], [0.4, 0.6]) +
        kl([0.4, 0.6], [0.1, 0.9])) /
      4;
    expect(c.headKl![0]).toBeCloseTo(expected, 6);
  });

  it('has no head figures for a one-head student (output_avg, loss_avg, supernet)', () => {
    const c = teacherContribution({ student: t0, teachers: [t0, t1], labels, numClasses: 2 });
    expect(c).toEqual({ agreement: [1, 2 / 4] });
  });
});

describe('meanKl', () => {
  it('clips zeros to 1e-7 as Keras KLDivergence does', () => {
    // KL([1, 0] ‖ [0.5, 0.5]) = log 2, plus the clipped zero's 1e-7·log(1e-7 / 0.5).
    expect(meanKl(rows([1, 0]), rows([0.5, 0.5]), 2)).toBeCloseTo(Math.log(2) + 1e-7 * Math.log(2e-7), 9);
    expect(Number.isFinite(meanKl(rows([0.5, 0.5]), rows([1, 0]), 2))).toBe(true);
  });
});

describe('aggregatorShares', () => {
  it('splits the aggregator logits by teacher block, input scale included', () => {
    // Two teachers, D = 2 inputs each, C = 2 classes. Kernel rows: teacher 0 = rows 0–1, teacher 1 = rows 2–3.
    const kernel = Float32Array.of(1, 0, 0, 1, 2, 0, 0, 2);
    // One sample: teacher 0 gives [1, 1] → logits [1, 1] (mass 2); teacher 1 gives [0.5, 0] → [1, 0] (mass 1).
    const shares = aggregatorShares([rows([1, 1]), rows([0.5, 0])], kernel, 2);
    expect(shares[0]).toBeCloseTo(2 / 3, 12);
    expect(shares[1]).toBeCloseTo(1 / 3, 12);
    // Opposite signs within a class cancel inside one teacher's block: its logits are what count.
    const cancel = aggregatorShares(
      [rows([1, -1]), rows([0.5, 0])],
      Float32Array.of(1, 0, 1, 0, 2, 0, 0, 2),
      2,
    );
    expect(cancel).toEqual([0, 1]);
  });
});
