// Seeded teacher draws: the original picks N of the fraction's teachers at random for each
// repetition (unseeded, mtkd-method.md §4.3); here the draw is a pure function of a key, so a rerun
// of the reproduction distils from exactly the same teachers.
import { createHash } from 'node:crypto';

import { Prng } from '@distillery/domain';

/** `k` distinct indices of `0..n-1`, in draw order, determined by `key`. */
export function drawTeachers(n: number, k: number, key: string): number[] {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`cannot draw ${k} of ${n} teachers`);
  const rng = new Prng(createHash('sha256').update(key).digest().readUInt32LE(0));
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, k);
}
