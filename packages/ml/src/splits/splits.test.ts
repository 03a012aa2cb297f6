import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist.ts';
import { drawSplit, drawSubset, indicesOfRole } from '@distillery/domain';
import { splitTrainVal } from './split.ts';
import { makeSubset } from './subset.ts';
import {
  fractionToken,
  parseFractionToken,
  parseSubsetFileName,
  readSubsetCsv,
  writeSubsetCsv,
} from './subset-csv.ts';

const mnist = loadMnist();

/** FNV-1a over the member indices: a compact fingerprint that must not change across machines. */
function fingerprint(a: Uint32Array): string {
  let h = 0x811c9dc5;
  for (const v of a) h = Math.imul(h ^ v, 0x01000193) >>> 0;
  return h.toString(16);
}

describe('one sampler on every path', () => {
  it('gives the API sampler’s members: ML splitTrainVal/makeSubset equal @distillery/domain drawSplit/drawSubset', () => {
    const labels = mnist.train.labels;
    const viaDomain = drawSplit(labels.length, { seed: 4, valFraction: 0.2 });
    const viaMl = splitTrainVal(labels, { seed: 4, method: 'BERNOULLI' });
    expect(Array.from(viaMl.val)).toEqual(Array.from(indicesOfRole(viaDomain, 'VAL')));
    const all = Uint32Array.from({ length: labels.length }, (_, i) => i);
    for (const method of ['BERNOULLI', 'BOOTSTRAP', 'STRATIFIED_EXACT'] as const) {
      const ml = makeSubset(labels, { p: 0.3, seed: 8, method }).members;
      const domain = drawSubset(all, { fraction: 0.3, seed: 8, method, labels });
      expect(fingerprint(ml), method).toBe(fingerprint(domain));
    }
  });
});

describe('train/val split', () => {
  it('is identical for the same seed and differs for another seed', () => {
    const a = splitTrainVal(mnist.train.labels, { seed: 1, method: 'BERNOULLI' });
    const b = splitTrainVal(mnist.train.labels, { seed: 1, method: 'BERNOULLI' });
    const c = splitTrainVal(mnist.train.labels, { seed: 2, method: 'BERNOULLI' });
    expect(fingerprint(a.val)).toBe(fingerprint(b.val));
    expect(fingerprint(a.val)).not.toBe(fingerprint(c.val));
    expect(a.train.length + a.val.length).toBe(60000);
    expect(Math.abs(a.val.length - 12000)).toBeLessThan(400); // Binomial(60000, 0.2): sd ≈ 98
  });

  it('stratified puts exactly round(0.2 n_c) of every class in val', () => {
    const s = splitTrainVal(mnist.train.labels, { seed: 3, method: 'STRATIFIED' });
    const counts = new Array(10).fill(0);
    const valCounts = new Array(10).fill(0);
    mnist.train.labels.forEach((l) => counts[l]++);
    s.val.forEach((i) => valCounts[mnist.train.labels[i]!]++);
    expect(valCounts).toEqual(counts.map((n) => Math.round(n * 0.2)));
  });
});

describe('subsets', () => {
  it('same seed → same members for every method; bootstrap repeats, the others do not', () => {
    for (const method of ['BERNOULLI', 'STRATIFIED_EXACT', 'BOOTSTRAP'] as const) {
      const a = makeSubset(mnist.train.labels, { p: 0.7, seed: 11, method });
      const b = makeSubset(mnist.train.labels, { p: 0.7, seed: 11, method });
      expect(fingerprint(a.members), method).toBe(fingerprint(b.members));
      expect(fingerprint(a.members), method).not.toBe(
        fingerprint(makeSubset(mnist.train.labels, { p: 0.7, seed: 12, method }).members),
      );
      const distinct = new Set(a.members).size;
      if (method === 'BOOTSTRAP') {
        expect(a.members.length).toBe(42000);
        expect(distinct).toBeLessThan(42000);
      } else expect(distinct).toBe(a.members.length);
    }
    expect(makeSubset(mnist.train.labels, { p: 1, seed: 5 }).members.length).toBe(60000);
  });

  it('rejects p outside (0, 1] naming p', () => {
    for (const p of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => makeSubset(mnist.train.labels, { p, seed: 1 })).toThrow(
        expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field: 'fraction' }),
      );
    }
  });
});

describe('subset CSV', () => {
  it('round-trips in the original format with p decoded correctly', () => {
    const s = makeSubset(mnist.train.labels, { p: 0.05, seed: 9, method: 'STRATIFIED_EXACT' });
    const { fileName, csv } = writeSubsetCsv(s, mnist, '0123456789abcdef0123456789abcdef');
    expect(fileName).toBe('subset_005_0123456789abcdef0123456789abcdef.csv');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('filename,class');
    expect(lines[1]).toMatch(/^mnist\/train\/\d\/\d+\.png,\d_class$/);
    expect(lines.length - 1).toBe(s.members.length);
    const back = readSubsetCsv(csv, mnist, { fileName });
    expect(back.p).toBe(0.05); // the original's token/10 would give 0.5
    expect(Array.from(back.members)).toEqual(Array.from(s.members));
  });

  it('encodes and decodes fraction tokens without the token/10 bug', () => {
    expect([0.7, 1, 0.05, 0.6].map(fractionToken)).toEqual(['07', '10', '005', '06']);
    expect(['07', '10', '1', '005'].map(parseFractionToken)).toEqual([0.7, 1, 1, 0.05]);
    expect(parseSubsetFileName('models/mnist/subsets/subset_09_0123456789abcdef0123456789abcdef.csv').p).toBe(
      0.9,
    );
  });

  it('rejects a subset of another dataset and a wrong class, naming the row', () => {
    const csv = 'filename,class\nfmnist/train/trouser/1.png,trouser_class\n';
    expect(() => readSubsetCsv(csv, mnist, { p: 0.5 })).toThrow(/belongs to dataset fmnist, not mnist/);
    const wrongClass = `filename,class\n${mnist.train.ids[0]},7_class\n`;
    expect(() => readSubsetCsv(wrongClass, mnist, { p: 0.5 })).toThrow(
      expect.objectContaining({ field: 'csv row 2 class', value: '7_class' }),
    );
  });
});
