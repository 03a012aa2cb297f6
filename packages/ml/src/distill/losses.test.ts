import * as tf from '@tensorflow/tfjs';
import { AppErrorCode } from '@distillery/errors';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  categoricalCrossEntropy,
  combineLosses,
  kdLoss,
  type KdConfig,
  softTargets,
  validateKdConfig,
} from './losses.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Two rows of fixed logits. Row 1: teacher [3, 0, 0] vs a uniform student; row 2: teacher [0, 1, 2]
// vs student [2, 1, 0]. Hand values in float64:
//   row 1: KL = Σ t·log(3t), t = (e³, 1, 1)/(e³ + 2)          = 0.732143…
//   row 2: log(t/s) = (−2, 0, 2), KL = 2·(t₂ − t₀)              = 1.150296…
//   batch mean (AS_ORIGINAL)                                      = 0.941220
//   the same with teacher and student swapped                     = 1.073366
//   hinton T = 2: 4 · mean KL(softmax(z_t/2) ‖ softmax(z_s/2))   = 1.173891 (0.293473 without T²)
//   hinton T = 4: 16 · mean KL at T = 4                           = 1.212972
const TEACHER = [
  [3, 0, 0],
  [0, 1, 2],
];
const STUDENT = [
  [0, 0, 0],
  [2, 1, 0],
];

function softmaxRow(z: number[], T = 1): number[] {
  const e = z.map((v) => Math.exp(v / T));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

function kd(teacher: number[][], student: number[][], cfg: KdConfig): number {
  return tf.tidy(
    () => kdLoss(softTargets(tf.tensor2d(teacher), cfg), tf.tensor2d(student), cfg).dataSync()[0] as number,
  );
}

const ORIGINAL: KdConfig = { alpha: 0, temperatureMode: 'AS_ORIGINAL', temperature: 1 };
const hinton = (temperature: number): KdConfig => ({ alpha: 0, temperatureMode: 'HINTON', temperature });

describe('KD loss pinned on fixed logits', () => {
  it('the closed forms behind the pinned numbers', () => {
    const t1 = softmaxRow([3, 0, 0]);
    const row1 = t1.reduce((a, t) => a + t * Math.log(3 * t), 0);
    const t2 = softmaxRow([0, 1, 2]);
    const row2 = 2 * ((t2[2] as number) - (t2[0] as number));
    expect((row1 + row2) / 2).toBeCloseTo(0.9412195, 6);
  });

  it('AS_ORIGINAL: Keras KL(teacher ‖ student) on softmax outputs = 0.941220', () => {
    expect(kd(TEACHER, STUDENT, ORIGINAL)).toBeCloseTo(0.94122, 5);
  });

  it('catches swapped teacher and student (KL(student ‖ teacher) = 1.073366)', () => {
    expect(kd(STUDENT, TEACHER, ORIGINAL)).toBeCloseTo(1.073366, 5);
    expect(Math.abs(kd(TEACHER, STUDENT, ORIGINAL) - 1.073366)).toBeGreaterThan(0.1);
  });

  it('hinton: T² · KL at T = 2 is 1.173891 and at T = 4 is 1.212972 (a missing T² would give 0.293473)', () => {
    expect(kd(TEACHER, STUDENT, hinton(2))).toBeCloseTo(1.173891, 5);
    expect(kd(TEACHER, STUDENT, hinton(4))).toBeCloseTo(1.212972, 5);
  });

  it('hinton at T = 1 equals the original (no clipping is active on these logits)', () => {
    expect(kd(TEACHER, STUDENT, hinton(1))).toBeCloseTo(0.94122, 5);
  });

  it('is 0 when the student matches the teacher', () => {
    expect(kd(TEACHER, TEACHER, ORIGINAL)).toBeCloseTo(0, 6);
    expect(kd(TEACHER, TEACHER, hinton(3))).toBeCloseTo(0, 5);
  });

  it('clips like Keras: a zero in the target contributes ε·log(ε/s) instead of NaN', () => {
    const value = tf.tidy(
      () => kdLoss(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 0]]), ORIGINAL).dataSync()[0] as number,
    );
    expect(value).toBeCloseTo(Math.log(2) + 1e-7 * Math.log(1e-7 / 0.5), 6);
  });
});

describe('CE and the combined loss', () => {
  it('CE = −log p_y (Keras clipping), batch mean', () => {
    const ce = tf.tidy(
      () =>
        categoricalCrossEntropy(
          tf.tensor2d([
            [1, 0, 0],
            [0, 0, 1],
          ]),
          tf.tensor2d([
            [0.7, 0.2, 0.1],
            [0.25, 0.25, 0.5],
          ]),
        ).dataSync()[0] as number,
    );
    expect(ce).toBeCloseTo(-(Math.log(0.7) + Math.log(0.5)) / 2, 6);
  });

  it('α·CE + (1 − α)·KD', () => {
    const total = tf.tidy(() => combineLosses(tf.scalar(2), tf.scalar(4), 0.25).dataSync()[0] as number);
    expect(total).toBeCloseTo(0.25 * 2 + 0.75 * 4, 12);
  });
});

describe('KD settings', () => {
  const bad = (cfg: Partial<KdConfig>, field: string) =>
    expect(() => validateKdConfig({ ...ORIGINAL, ...cfg })).toThrowError(
      expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field }),
    );

  it('refuses α outside [0, 1], T ≤ 0, an unknown mode, and T ≠ 1 in AS_ORIGINAL mode', () => {
    bad({ alpha: 1.5 }, 'alpha');
    bad({ alpha: -0.1 }, 'alpha');
    bad({ alpha: NaN }, 'alpha');
    bad({ temperatureMode: 'HINTON', temperature: 0 }, 'temperature');
    bad({ temperatureMode: 'HINTON', temperature: -2 }, 'temperature');
    bad({ temperatureMode: 'soft' as never }, 'temperatureMode');
    bad({ temperature: 3 }, 'temperature');
    expect(validateKdConfig(hinton(3)).temperature).toBe(3);
  });
});
