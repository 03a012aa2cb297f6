import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist.ts';
import { Prng } from '../random/prng.ts';
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

describe('seeded PRNG', () => {
  it('gives a fixed integer stream for a seed (pinned values: xoshiro128** seeded by splitmix32)', () => {
    const r = new Prng(42);
    const first = [r.nextUint32(), r.nextUint32(), r.nextUint32()];
    // Recomputed independently below with BigInt arithmetic, so the pin is not circular.
    const s = new Prng(42).state().map(BigInt);
    const M = 0xffffffffn;
    const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
    const ref: number[] = [];
    for (let i = 0; i < 3; i++) {
      ref.push(Number((rotl((s[1]! * 5n) & M, 7n) * 9n) & M));
      const t = (s[1]! << 9n) & M;
      s[2] = s[2]! ^ s[0]!;
      s[3] = s[3]! ^ s[1]!;
      s[1] = s[1]! ^ s[2]!;
      s[0] = s[0]! ^ s[3]!;
      s[2] = s[2]! ^ t;
      s[3] = rotl(s[3]!, 11n);
    }
    expect(first).toEqual(ref);
  });
});

describe('train/val split', () => {
  it('is identical for the same seed and differs for another seed', () => {
    const a = splitTrainVal(mnist.train.labels, { seed: 1, method: 'bernoulli' });
    const b = splitTrainVal(mnist.train.labels, { seed: 1, method: 'bernoulli' });
    const c = splitTrainVal(mnist.train.labels, { seed: 2, method: 'bernoulli' });
    expect(fingerprint(a.val)).toBe(fingerprint(b.val));
    expect(fingerprint(a.val)).not.toBe(fingerprint(c.val));
    expect(a.train.length + a.val.length).toBe(60000);
    expect(Math.abs(a.val.length - 12000)).toBeLessThan(400); // Binomial(60000, 0.2): sd ≈ 98
  });

  it('stratified puts exactly round(0.2 n_c) of every class in val', () => {
    const s = splitTrainVal(mnist.train.labels, { seed: 3, method: 'stratified' });
    const counts = new Array(10).fill(0);
    const valCounts = new Array(10).fill(0);
    mnist.train.labels.forEach((l) => counts[l]++);
    s.val.forEach((i) => valCounts[mnist.train.labels[i]!]++);
    expect(valCounts).toEqual(counts.map((n) => Math.round(n * 0.2)));
  });
});

describe('subsets', () => {
  it('same seed → same members for every method; bootstrap repeats, the others do not', () => {
    for (const method of ['bernoulli', 'stratified', 'bootstrap'] as const) {
      const a = makeSubset(mnist.train.labels, { p: 0.7, seed: 11, method });
      const b = makeSubset(mnist.train.labels, { p: 0.7, seed: 11, method });
      expect(fingerprint(a.members), method).toBe(fingerprint(b.members));
      expect(fingerprint(a.members), method).not.toBe(
        fingerprint(makeSubset(mnist.train.labels, { p: 0.7, seed: 12, method }).members),
      );
      const distinct = new Set(a.members).size;
      if (method === 'bootstrap') {
        expect(a.members.length).toBe(42000);
        expect(distinct).toBeLessThan(42000);
      } else expect(distinct).toBe(a.members.length);
    }
    expect(makeSubset(mnist.train.labels, { p: 1, seed: 5 }).members.length).toBe(60000);
  });

  it('rejects p outside (0, 1] naming p', () => {
    for (const p of [0, -0.1, 1.5, Number.NaN]) {
      expect(() => makeSubset(mnist.train.labels, { p, seed: 1 })).toThrow(
        expect.objectContaining({ code: AppErrorCode.BAD_USER_INPUT, field: 'p' }),
      );
    }
  });
});

describe('subset CSV', () => {
  it('round-trips in the original format with p decoded correctly', () => {
    const s = makeSubset(mnist.train.labels, { p: 0.05, seed: 9, method: 'stratified' });
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
