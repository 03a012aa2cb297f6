// The one seeded PRNG of Distillery: splits, subsets, teacher draws, batch order, augmentation and
// initialiser seeds all draw from it, so a seed means the same thing on every path and machine.
//
// Why mulberry32 (Tommy Ettinger, 2017) and not the ML core's former xoshiro128**: every split and
// subset the API has stored, and the reproduction's teacher draws behind docs/results.md, were drawn
// with mulberry32; keeping it keeps those members. Its 32-bit state (period 2^32) is ample here: a
// stream is re-seeded per purpose through `deriveSeed` and no stream comes near 2^32 draws. Only
// 32-bit integer arithmetic (`Math.imul`, shifts), so a seed gives the same stream on any JS engine.
import { badInput } from '@distillery/errors';

/** Seeded mulberry32 stream of uniform floats in [0, 1) and the draws built on them. */
export class Prng {
  private a: number;

  /** Seed with an integer (taken modulo 2^32) or continue from a stored `state()`. */
  constructor(seed: number | readonly number[]) {
    const s = typeof seed === 'number' ? seed : seed[0];
    if (typeof seed !== 'number' && seed.length !== 1)
      throw badInput('seed', seed, 'a state has one uint32 word');
    if (typeof s !== 'number' || !Number.isInteger(s)) throw badInput('seed', seed, 'must be an integer');
    this.a = s >>> 0;
  }

  /** The state, to store in a checkpoint and continue the stream later with `new Prng(state)`. */
  state(): number[] {
    return [this.a];
  }

  /** Next uint32. */
  nextUint32(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform float in [0, 1) with 32-bit resolution (exact in float64). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n) without modulo bias (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0x100000000)
      throw badInput('n', n, 'must be an integer in [1, 2^32]');
    const limit = Math.floor(0x100000000 / n) * n;
    for (;;) {
      const u = this.nextUint32();
      if (u < limit) return u % n;
    }
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box–Muller). Uses Math.log/cos, so only for augmentation and test data, never for splits. */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  /** A random permutation of 0..n−1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }
}

/**
 * Derive a child seed from a seed and a path of integers (e.g. seed, epoch, step): stable across
 * machines. Each level hashes with the first mulberry32 output of a mixed seed.
 */
export function deriveSeed(seed: number, ...path: number[]): number {
  let h = new Prng(seed).nextUint32();
  for (const p of path) h = new Prng((h ^ Math.imul(p >>> 0, 0x9e3779b1)) >>> 0).nextUint32();
  return h;
}
