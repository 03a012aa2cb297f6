import { describe, expect, it } from 'vitest';

import { bytesToIndices, indicesOfRole, indicesToBytes } from './assignment.ts';
import { drawSplit, drawStratifiedSplit, markUnused } from './split.ts';
import { drawSubset } from './subset.ts';

// Golden members: these were produced by the API's sampler before it moved here (mulberry32 via
// apps/api/src/modules/data/sampling.ts), so stored splits and subsets keep matching their seeds.
// A failure here means a seed's members changed: do not update the numbers without a migration plan.
const fingerprint = (a: ArrayLike<number>) => {
  let h = 0;
  for (let i = 0; i < a.length; i++) h = (Math.imul(h, 31) + a[i]!) >>> 0;
  return h;
};

describe('split sampler', () => {
  it('pins a Bernoulli split, its budget mask and the train indices', () => {
    const a = drawSplit(24, { seed: 7, valFraction: 0.2, testFraction: 0.1 });
    expect(Array.from(a).join('')).toBe('110000020021001020202011');
    const u = markUnused(a, 7, 0.5);
    expect(Array.from(u).join('')).toBe('330033320331303020232031');
    expect(Array.from(indicesOfRole(u, 'TRAIN'))).toEqual([2, 3, 8, 13, 15, 17, 21]);
  });

  it('pins a 60,000-sample split and subset (MNIST size)', () => {
    const train = indicesOfRole(drawSplit(60000, { seed: 1, valFraction: 0.2 }), 'TRAIN');
    expect(train.length).toBe(47960);
    const s = drawSubset(train, { fraction: 0.6, seed: 5, method: 'BERNOULLI' });
    expect([s.length, fingerprint(s), s[0], s.at(-1)]).toEqual([28672, 885273300, 3, 59998]);
  });

  it('draws exactly round(n_c · f) of each class for a stratified split', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => i % 7);
    const a = drawStratifiedSplit(labels, { seed: 3, valFraction: 0.25 });
    for (let c = 0; c < 7; c++) {
      const n = labels.filter((l) => l === c).length;
      expect(labels.filter((l, i) => l === c && a[i] === 1).length).toBe(Math.round(n * 0.25));
    }
    expect(fingerprint(a)).toBe(fingerprint(drawStratifiedSplit(labels, { seed: 3, valFraction: 0.25 })));
    expect(fingerprint(a)).not.toBe(fingerprint(drawStratifiedSplit(labels, { seed: 4, valFraction: 0.25 })));
  });

  it('refuses fractions out of range', () => {
    expect(() => drawSplit(10, { seed: 1, valFraction: 0.6, testFraction: 0.5 })).toThrow(/valFraction/);
    expect(() => markUnused(new Uint8Array(3), 1, 0)).toThrow(/useFraction/);
    expect(() => drawStratifiedSplit([0, 1], { seed: 1, valFraction: 1 })).toThrow(/valFraction/);
  });
});

describe('subset sampler', () => {
  const train = Uint32Array.of(2, 3, 8, 13, 15, 17, 21);

  it('pins Bernoulli and bootstrap members', () => {
    expect(Array.from(drawSubset(train, { fraction: 0.6, seed: 3, method: 'BERNOULLI' }))).toEqual([
      3, 8, 13, 17, 21,
    ]);
    expect(Array.from(drawSubset(train, { fraction: 0.6, seed: 3, method: 'BOOTSTRAP' }))).toEqual([
      17, 2, 13, 2,
    ]);
  });

  it('draws exactly round(n_c · p) per class for STRATIFIED_EXACT, ascending, from `train` only', () => {
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    const members = drawSubset(train, { fraction: 0.5, seed: 9, method: 'STRATIFIED_EXACT', labels });
    expect([...members].every((m) => train.includes(m))).toBe(true);
    expect([...members]).toEqual([...members].sort((a, b) => a - b));
    for (const c of [0, 1, 2]) {
      const n = [...train].filter((i) => labels[i] === c).length;
      expect([...members].filter((i) => labels[i] === c).length).toBe(Math.round(n * 0.5));
    }
    expect(() => drawSubset(train, { fraction: 0.5, seed: 9, method: 'STRATIFIED_EXACT' })).toThrow(/labels/);
  });

  it('refuses p outside (0, 1] and round-trips members through bytes', () => {
    for (const p of [0, -0.1, 1.5, Number.NaN])
      expect(() => drawSubset(train, { fraction: p, seed: 1, method: 'BERNOULLI' })).toThrow(/fraction/);
    expect(Array.from(bytesToIndices(indicesToBytes(train)))).toEqual(Array.from(train));
  });
});
