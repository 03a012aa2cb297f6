import { describe, expect, it } from 'vitest';
import { Prng } from '@distillery/domain';
import { createEnsemble, type Ensemble } from './ensemble.ts';
import { syntheticEnsemble } from '../testing/ensembles.fixture.ts';
import { fuse } from './fuse.ts';
import { ensembleSizeStudy, meanSem } from './size-study.ts';
import { applyStacking, fitStacking } from './stacking.ts';

/** Member 0 is informative; members 1 and 2 are confident noise that drowns it under the mean rule. */
function oneGoodTwoNoisy(seed: number, samples: number, split: string): Ensemble {
  const classes = 4;
  const good = syntheticEnsemble({ models: 1, samples, classes, seed, signal: [2.5], split });
  const prng = new Prng(seed + 1);
  const noisy = [1, 2].map((m) => {
    const p = new Float32Array(samples * classes);
    for (let s = 0; s < samples; s++) p[s * classes + prng.int(classes)] = 1;
    return { name: `noise-${m}`, split, probabilities: p };
  });
  return createEnsemble({
    members: [{ name: 'good', split, probabilities: good.probabilities[0] as Float32Array }, ...noisy],
    labels: good.labels,
    classes,
  });
}

describe('stacking (supernet aggregator)', () => {
  it('learns to trust the informative member and beats the mean rule on held-out samples', () => {
    const fitSet = oneGoodTwoNoisy(7, 1500, 'val');
    const testSet = oneGoodTwoNoisy(8, 1500, 'test');
    const model = fitStacking(fitSet, { seed: 3 });
    expect(model.epochs).toBeGreaterThan(0);
    expect(model.epochs).toBeLessThanOrEqual(50);
    const stacked = fuse(testSet, 'stacking', { stacking: model });
    const mean = fuse(testSet, 'mean');
    const alone = fuse(
      { ...testSet, models: 1, probabilities: [testSet.probabilities[0] as Float32Array] },
      'mean',
    );
    expect(stacked.accuracy).toBeGreaterThan(mean.accuracy + 0.05);
    expect(stacked.accuracy).toBeGreaterThan(alone.accuracy - 0.03);
    expect(stacked.nll).toBeLessThan(mean.nll as number);
    // Rows of the fused matrix are distributions.
    const row = Array.from((stacked.probabilities as Float32Array).subarray(0, 4));
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('is deterministic for a seed', () => {
    const fitSet = oneGoodTwoNoisy(11, 300, 'val');
    const a = fitStacking(fitSet, { seed: 5 });
    const b = fitStacking(fitSet, { seed: 5 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(applyStacking(a, fitSet).predictions)).toEqual(
      Array.from(applyStacking(b, fitSet).predictions),
    );
  });
});

describe('ensemble-size study', () => {
  const ensemble = syntheticEnsemble({
    models: 5,
    samples: 300,
    classes: 4,
    seed: 21,
    signal: [0.8, 1.0, 1.2, 0.9, 1.1],
  });
  const rules = ['mean', 'plurality', 'borda', 'weighted-mean'] as const;
  const study = ensembleSizeStudy(ensemble, { rules, draws: 6, seed: 9, weights: [1, 2, 3, 2, 1] });

  it('has one row per size with mean ± SEM per rule and the best member alongside', () => {
    expect(study.rows.map((r) => r.size)).toEqual([1, 2, 3, 4, 5]);
    expect(study.memberAccuracy).toHaveLength(5);
    expect(study.bestMember.accuracy).toBe(Math.max(...study.memberAccuracy));
    expect(study.bestMember.name).toBe(`synthetic-${study.bestMember.index}`);
  });

  it('size 1: every rule is the drawn member itself', () => {
    const row = study.rows[0]!;
    for (const rule of rules)
      expect(row.accuracy[rule]?.mean, rule).toBeCloseTo(row.bestMemberInDraw.mean, 12);
  });

  it('size N: every draw is the full ensemble, so the SEM is 0 and the mean is the full fusion', () => {
    const row = study.rows[4]!;
    expect(row.accuracy.mean).toEqual({
      mean: expect.closeTo(fuse(ensemble, 'mean').accuracy, 12),
      sem: expect.closeTo(0, 12),
    });
    expect(row.accuracy.borda).toEqual({
      mean: expect.closeTo(fuse(ensemble, 'borda').accuracy, 12),
      sem: expect.closeTo(0, 12),
    });
  });

  it('fusing independent members beats their mean accuracy', () => {
    const meanMember = study.memberAccuracy.reduce((a, b) => a + b, 0) / 5;
    expect(study.rows[4]!.accuracy.mean!.mean).toBeGreaterThan(meanMember + 0.05);
  });

  it('is reproducible for a seed', () => {
    expect(ensembleSizeStudy(ensemble, { rules, draws: 6, seed: 9, weights: [1, 2, 3, 2, 1] })).toEqual(
      study,
    );
  });

  it('meanSem uses the sample standard deviation (ddof 1)', () => {
    // mean 2, sample variance ((1)² + 0 + (1)²) / 2 = 1, SEM = 1/√3.
    expect(meanSem([1, 2, 3])).toEqual({ mean: 2, sem: expect.closeTo(1 / Math.sqrt(3), 12) });
  });

  it('can study stacking by fitting one layer per draw on a fit split', () => {
    const fitSet = syntheticEnsemble({
      models: 5,
      samples: 300,
      classes: 4,
      seed: 22,
      signal: [0.8, 1.0, 1.2, 0.9, 1.1],
    });
    const withStacking = ensembleSizeStudy(ensemble, {
      rules: ['stacking'],
      draws: 2,
      sizes: [3],
      seed: 1,
      stackingFit: { ensemble: fitSet, args: { maxEpochs: 3 } },
    });
    expect(withStacking.rows[0]!.accuracy.stacking?.mean).toBeGreaterThan(0.4);
  });
});
