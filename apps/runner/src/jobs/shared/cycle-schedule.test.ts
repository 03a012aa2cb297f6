import { cyclicPlan } from '@distillery/domain';
import { checkpointSteps } from '@distillery/ml';
import { describe, expect, it } from 'vitest';

import { cycleSchedule } from './train-run.ts';

describe('cycleSchedule', () => {
  it('gives independent teachers no schedule', () => {
    expect(cycleSchedule('INDEPENDENT', 1, 5, 0.001)).toBeNull();
  });

  it('takes one snapshot per cycle at equal total cost', () => {
    const s = cycleSchedule('SNAPSHOT', 3, 6, 0.005)!;
    expect(s).toEqual({ kind: 'snapshot', cycleEpochs: 2, minFactor: 0.004 });
    expect(checkpointSteps(s, 6, 10)).toEqual([20, 40, 60]);
  });

  it('puts the FGE checkpoints at the low points of the second half, one per cycle', () => {
    const s = cycleSchedule('FGE', 3, 8, 0.005)!;
    expect(s).toMatchObject({ kind: 'fge', startEpoch: 4, lrHigh: 0.005, lrLow: 0.0001 });
    const steps = checkpointSteps(s, 8, 30);
    expect(steps).toHaveLength(3);
    // distinct epochs, so the (run, kind, epoch) checkpoint key never collides
    expect(new Set(steps.map((k) => Math.ceil(k / 30))).size).toBe(3);
  });

  it('refuses cycles shorter than an epoch with a typed error', () => {
    expect(() => cycleSchedule('SNAPSHOT', 4, 2, 0.001)).toThrow(/at least one epoch per cycle/);
    expect(() => cycleSchedule('FGE', 3, 4, 0.001)).toThrow(/epochs ≥ 2 × cycles/);
  });

  it('takes its checkpoints in the epochs an experiment grid names in advance (cyclicPlan), whatever the steps per epoch', () => {
    for (const origin of ['SNAPSHOT', 'FGE'] as const) {
      for (const cycles of [1, 2, 3, 5]) {
        for (const perTeacher of [2, 4, 6]) {
          const plan = cyclicPlan(origin, cycles, perTeacher, 'epochs');
          const s = cycleSchedule(origin, cycles, plan.runEpochs, 0.001)!;
          for (const spe of [2, 3, 7, 10, 33]) {
            const epochs = checkpointSteps(s, plan.runEpochs, spe).map((k) => Math.ceil(k / spe));
            expect(epochs, `${origin} cycles=${cycles} E=${perTeacher} spe=${spe}`).toEqual(
              plan.checkpointEpochs,
            );
          }
        }
      }
    }
    expect(cyclicPlan('SNAPSHOT', 3, 1, 'epochs').checkpointEpochs).toEqual([1, 2, 3]);
    expect(() => cyclicPlan('FGE', 3, 3, 'input.epochs')).toThrow(/even number of epochs/);
  });
});
