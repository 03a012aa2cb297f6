import { AppErrorCode, isAppError } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { createEnsemble, type MemberPredictions, selectMembers } from './ensemble.ts';
import { singleSample, syntheticEnsemble } from '../testing/ensembles.fixture.ts';
import { fusePredictions } from './fuse.ts';
import { ensembleSizeStudy } from './size-study.ts';
import { fitStacking } from './stacking.ts';
import { weightsFromValidation } from './weights.ts';

/** Run `fn`, expect a BAD_USER_INPUT AppError on `field` whose message matches `message`. */
function expectBadInput(fn: () => unknown, field: string, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isAppError(caught), String(caught)).toBe(true);
  const error = caught as { code: string; field: string; message: string };
  expect(error.code).toBe(AppErrorCode.BAD_USER_INPUT);
  expect(error.field).toBe(field);
  expect(error.message).toMatch(message);
}

const member = (name: string, values: number[], split = 'mnist/test'): MemberPredictions => ({
  name,
  split,
  probabilities: Float32Array.from(values),
});

describe('createEnsemble refuses inconsistent members', () => {
  const good = member('a', [0.5, 0.5, 0.9, 0.1]);

  it('members evaluated on different splits', () => {
    expectBadInput(
      () =>
        createEnsemble({
          members: [good, member('b', [0.5, 0.5, 0.9, 0.1], 'mnist/val')],
          labels: [0, 1],
          classes: 2,
        }),
      'members[1].split',
      /member "b" was evaluated on a different split than members\[0\] \("mnist\/test"\)/,
    );
  });

  it('a member whose matrix has the wrong shape', () => {
    expectBadInput(
      () =>
        createEnsemble({
          members: [good, member('b', [0.5, 0.5, 0.2, 0.3, 0.5])],
          labels: [0, 1],
          classes: 2,
        }),
      'members[1].probabilities',
      /has 5 values, expected samples × classes = 2 × 2 = 4/,
    );
  });

  it('NaN and negative probabilities, naming the sample and class', () => {
    expectBadInput(
      () => createEnsemble({ members: [member('a', [0.5, 0.5, NaN, 1])], labels: [0, 1], classes: 2 }),
      'members[0].probabilities[2]',
      /sample 1, class 0 must be finite and ≥ 0 \(got NaN\)/,
    );
    expectBadInput(
      () => createEnsemble({ members: [member('a', [1.2, -0.2, 0.5, 0.5])], labels: [0, 1], classes: 2 }),
      'members[0].probabilities[1]',
      /sample 0, class 1/,
    );
  });

  it('rows that do not sum to 1 (logits stored by mistake)', () => {
    expectBadInput(
      () => createEnsemble({ members: [member('a', [2, 1, 0.5, 0.5])], labels: [0, 1], classes: 2 }),
      'members[0].probabilities[0..1]',
      /must sum to 1/,
    );
  });

  it('labels outside the classes', () => {
    expectBadInput(
      () => createEnsemble({ members: [good], labels: [0, 2], classes: 2 }),
      'labels[1]',
      /integer class index in \[0, 1\]/,
    );
  });
});

describe('rule options', () => {
  const ensemble = singleSample([
    [0.9, 0.1],
    [0.5, 0.5],
  ]);

  it('weights that do not match the members', () => {
    expectBadInput(
      () => fusePredictions(ensemble, 'weighted-mean', { weights: [1, 2, 3] }),
      'weights',
      /expected 2 weights \(one per member\), got 3/,
    );
    expectBadInput(
      () => fusePredictions(ensemble, 'weighted-mean', { weights: [1, -1] }),
      'weights[1]',
      /finite number ≥ 0/,
    );
    expectBadInput(
      () => fusePredictions(ensemble, 'weighted-mean', { weights: [0, 0] }),
      'weights',
      /at least one weight must be > 0/,
    );
    expectBadInput(() => fusePredictions(ensemble, 'weighted-mean'), 'weights', /one weight per member/);
  });

  it('validation scores that cannot become weights', () => {
    expectBadInput(() => weightsFromValidation({ by: 'loss', loss: [0.3, 0] }), 'loss[1]', /> 0/);
    expectBadInput(
      () => weightsFromValidation({ by: 'accuracy', accuracy: [0.05, 0.1], classes: 10 }),
      'accuracy',
      /at or below chance/,
    );
  });

  it('stacking without a fitted layer, an unknown rule and an unknown Condorcet fallback', () => {
    expectBadInput(() => fusePredictions(ensemble, 'stacking'), 'stacking', /fitStacking/);
    expectBadInput(() => fusePredictions(ensemble, 'plurarity' as never), 'rule', /unknown fusion rule/);
    expectBadInput(
      () => fusePredictions(ensemble, 'condorcet', { condorcetFallback: 'kemeny' as never }),
      'condorcetFallback',
      /mean, copeland, simpson, borda/,
    );
  });

  it('a stacking layer applied to members in another order', () => {
    const fitSet = syntheticEnsemble({ models: 3, samples: 40, classes: 3, seed: 4 });
    const layer = fitStacking(fitSet, { maxEpochs: 1 });
    const swapped = selectMembers(fitSet, [1, 0, 2]);
    expectBadInput(
      () => fusePredictions(swapped, 'stacking', { stacking: layer }),
      'ensemble.names[0]',
      /fitted with "synthetic-0" in this position/,
    );
  });

  it('ensemble-size study sizes out of range', () => {
    const small = syntheticEnsemble({ models: 3, samples: 20, classes: 3, seed: 1 });
    expectBadInput(() => ensembleSizeStudy(small, { sizes: [4] }), 'sizes[0]', /\[1, 3\]/);
  });
});
