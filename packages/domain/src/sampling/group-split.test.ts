import { describe, expect, it } from 'vitest';

import { countRole } from './assignment.ts';
import { drawGroupSplit, groupSpanningRoles, NO_GROUP } from './group-split.ts';
import { drawStratifiedSplit } from './split.ts';

const fingerprint = (a: ArrayLike<number>) => {
  let h = 0;
  for (let i = 0; i < a.length; i++) h = (Math.imul(h, 31) + a[i]!) >>> 0;
  return h;
};

// A corrosion-like task: 30 aircraft with 5–40 images each, about a quarter of them corroded.
function aircraft(): { labels: number[]; groups: number[] } {
  const labels: number[] = [];
  const groups: number[] = [];
  for (let a = 0; a < 30; a++)
    for (let k = 0; k < 5 + ((a * 13) % 36); k++) {
      labels.push((a * 7 + k) % 4 === 0 ? 0 : 1);
      groups.push(a);
    }
  return { labels, groups };
}

describe('stratified split with val and test', () => {
  it('pins the val-only draw stored splits were made with', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 7);
    const a = drawStratifiedSplit(labels, { seed: 3, valFraction: 0.25 });
    expect([fingerprint(a), Array.from(a.subarray(0, 24)).join('')]).toEqual([
      926095774,
      '010010000100001000100000',
    ]);
  });

  it('sends exactly round(n_c · f) of each class to val and to test', () => {
    const labels = Array.from({ length: 997 }, (_, i) => (i % 5 === 0 ? 3 : i % 3));
    const a = drawStratifiedSplit(labels, { seed: 11, valFraction: 0.2, testFraction: 0.1 });
    for (const c of [0, 1, 2, 3]) {
      const n = labels.filter((l) => l === c).length;
      expect(labels.filter((l, i) => l === c && a[i] === 1).length).toBe(Math.round(n * 0.2));
      expect(labels.filter((l, i) => l === c && a[i] === 2).length).toBe(Math.round(n * 0.1));
    }
  });

  it('refuses fractions that leave nothing or everything', () => {
    expect(() => drawStratifiedSplit([0, 1], { seed: 1, valFraction: 0 })).toThrow(/above 0/);
    expect(() => drawStratifiedSplit([0, 1], { seed: 1, valFraction: 0.5, testFraction: 0.5 })).toThrow(
      /below 1/,
    );
  });
});

describe('group split', () => {
  it('never puts one group in two roles and comes near each class share', () => {
    const { labels, groups } = aircraft();
    for (const seed of [1, 2, 3, 4, 5]) {
      const a = drawGroupSplit(labels, groups, { seed, valFraction: 0.2, testFraction: 0.15 });
      expect(groupSpanningRoles(a, groups)).toBeNull();
      const n = labels.length;
      expect(countRole(a, 'VAL') / n).toBeGreaterThan(0.12);
      expect(countRole(a, 'VAL') / n).toBeLessThan(0.28);
      expect(countRole(a, 'TEST') / n).toBeGreaterThan(0.08);
      expect(countRole(a, 'TEST') / n).toBeLessThan(0.22);
      // Stratified within groups where possible: val holds both classes in about the overall ratio.
      const valLabels = labels.filter((_, i) => a[i] === 1);
      const share = valLabels.filter((l) => l === 0).length / valLabels.length;
      const overall = labels.filter((l) => l === 0).length / n;
      expect(Math.abs(share - overall)).toBeLessThan(0.1);
    }
  });

  it('is seeded: the same seed gives the same members, another seed others', () => {
    const { labels, groups } = aircraft();
    const draw = (seed: number) => drawGroupSplit(labels, groups, { seed, valFraction: 0.25 });
    expect(fingerprint(draw(7))).toBe(fingerprint(draw(7)));
    expect(fingerprint(draw(7))).not.toBe(fingerprint(draw(8)));
    expect(countRole(draw(7), 'TEST')).toBe(0);
  });

  it('treats ungrouped samples as groups of their own', () => {
    const labels = Array.from({ length: 40 }, (_, i) => i % 2);
    const groups = labels.map(() => NO_GROUP);
    const a = drawGroupSplit(labels, groups, { seed: 1, valFraction: 0.25 });
    expect(countRole(a, 'VAL')).toBe(10);
    expect(labels.filter((l, i) => l === 0 && a[i] === 1).length).toBe(5);
  });

  it('gives a requested role one group when every group overshoots, and refuses when it cannot', () => {
    const labels = [0, 0, 0, 1, 1, 1, 0, 1];
    const groups = [0, 0, 0, 0, 1, 1, 1, 1];
    const a = drawGroupSplit(labels, groups, { seed: 1, valFraction: 0.1 });
    expect(countRole(a, 'VAL')).toBe(4);
    expect(groupSpanningRoles(a, groups)).toBeNull();
    expect(() => drawGroupSplit(labels, groups, { seed: 1, valFraction: 0.1, testFraction: 0.1 })).toThrow(
      /whole group/,
    );
    expect(() => drawGroupSplit([0, 1], [0], { seed: 1, valFraction: 0.1 })).toThrow(/one group per sample/);
  });

  it('finds a group spanning roles in an edited assignment', () => {
    expect(groupSpanningRoles([0, 0, 1, 3], [5, 5, 5, 6])).toEqual({ group: 5, roles: [0, 1] });
    expect(groupSpanningRoles([0, 3, 1], [5, 5, 6])).toBeNull();
  });
});
