// Seeded teacher draws: the original picks N of the fraction's teachers at random for each
// repetition (unseeded, mtkd-method.md §4.3); here the draw is a pure function of a key, so a rerun
// of the reproduction distils from exactly the same teachers.
import { createHash } from 'node:crypto';

/** mulberry32 over a 32-bit seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` distinct indices of `0..n-1`, in draw order, determined by `key`. */
export function drawTeachers(n: number, k: number, key: string): number[] {
  if (!Number.isInteger(k) || k < 1 || k > n) throw new Error(`cannot draw ${k} of ${n} teachers`);
  const rand = random(createHash('sha256').update(key).digest().readUInt32LE(0));
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, k);
}
