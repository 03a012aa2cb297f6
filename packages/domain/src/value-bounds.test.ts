import { describe, expect, it } from 'vitest';

import { UNIT_BOUNDS, valueBounds } from './value-bounds.ts';

describe('valueBounds', () => {
  it('bounds fractions, α and accuracies to [0, 1] by name or path, and nothing else', () => {
    for (const name of ['p', 'params.fraction', 'alpha', 'teacherFraction', 'test_accuracy', 'val_agreement'])
      expect(valueBounds(name), name).toEqual(UNIT_BOUNDS);
    for (const name of [
      'lr',
      'params.optimizer.lr',
      'loss',
      'val_loss',
      'temperature',
      'seed',
      'accuracy_gap',
    ])
      expect(valueBounds(name), name).toBeNull();
  });
});
