import { describe, expect, it } from 'vitest';

import type { RunRecord } from './collect.ts';
import { trainingLines } from './training-section.ts';

const run = (kind: string, summary: Record<string, unknown>, status = 'SUCCEEDED') =>
  ({ kind, status, summary }) as unknown as RunRecord;

describe('the report’s training lines', () => {
  it('count each kind of run by the augmentation and budget its summary records', () => {
    const aug = {
      augment: true,
      jitter: true,
      rand_augment_n: 3,
      rand_augment_m: 7,
      epoch_budget: 'ORIGINAL',
    };
    expect(
      trainingLines([
        run('TEACHER', aug),
        run('TEACHER', aug),
        run('TEACHER', { augment: false, jitter: false, epoch_budget: 'PER_SUBSET' }),
        run('TEACHER', aug, 'FAILED'),
        run('STUDENT', {}),
        run('ENSEMBLE_EVAL', {}),
      ]),
    ).toEqual([
      'Augmentation and epoch budget, as each run recorded them:',
      '',
      '- teachers: 2 × augmented (dataset jitter + RandAugment n=3, m=7), ORIGINAL budget; 1 × raw images, PER_SUBSET budget',
      '- students: 1 × raw images, PER_SUBSET budget (recorded before the switches existed)',
    ]);
    expect(trainingLines([])).toEqual([]);
  });
});
