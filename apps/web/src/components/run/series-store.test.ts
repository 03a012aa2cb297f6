import { describe, expect, it } from 'vitest';

import { fromBuckets, groupKeys, mergePoints, stepsToEpochs } from './series-store.ts';

describe('mergePoints', () => {
  it('appends new steps, overwrites existing ones and inserts late ones in order', () => {
    let s = fromBuckets([
      { step: 0, min: 1, max: 3, last: 2 },
      { step: 10, min: 0.5, max: 0.9, last: 0.7 },
    ]);
    s = mergePoints(s, [
      { step: 20, value: 0.4 },
      { step: 10, value: 0.6 },
      { step: 5, value: 1.5 },
    ]);
    expect(s.steps).toEqual([0, 5, 10, 20]);
    expect(s.last).toEqual([2, 1.5, 0.6, 0.4]);
    expect(s.min[2]).toBe(0.5);
  });

  it('does not mutate its input', () => {
    const s = fromBuckets([{ step: 1, min: 1, max: 1, last: 1 }]);
    mergePoints(s, [{ step: 2, value: 2 }]);
    expect(s.steps).toEqual([1]);
  });
});

describe('groupKeys', () => {
  it('puts train and validation variants of a metric on one chart', () => {
    expect(groupKeys(['val_loss', 'loss', 'epoch_loss', 'accuracy', 'val_accuracy', 'lr'])).toEqual([
      { title: 'accuracy', keys: ['accuracy', 'val_accuracy'] },
      { title: 'loss', keys: ['epoch_loss', 'loss', 'val_loss'] },
      { title: 'lr', keys: ['lr'] },
    ]);
  });
});

describe('stepsToEpochs', () => {
  it('uses the last logged epoch at or before each step', () => {
    const epoch = fromBuckets([
      { step: 0, min: 0, max: 0, last: 0 },
      { step: 100, min: 1, max: 1, last: 1 },
    ]);
    expect(stepsToEpochs([0, 50, 100, 150], epoch)).toEqual([0, 0, 1, 1]);
  });
});
