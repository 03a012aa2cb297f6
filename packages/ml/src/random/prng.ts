import { badInput } from '@distillery/errors';

/**
 * Seeded PRNG with a state of four uint32 words: xoshiro128** (Blackman & Vigna 2018), seeded by
 * splitmix32. Only 32-bit integer arithmetic (`Math.imul`, shifts), so a seed gives the same stream
 * on every machine and JS engine. Floats use the top 24 bits, exact in float64.
 */
export class Prng {
  private s: Uint32Array;

  constructor(seed: number | readonly number[]) {
    this.s = new Uint32Array(4);
    if (typeof seed === 'number') {
      if (!Number.isInteger(seed)) throw badInput('seed', seed, 'must be an integer');
      let z = seed >>> 0;
      // splitmix32 (fixed constants) fills the state so that nearby seeds give unrelated streams.
      for (let i = 0; i < 4; i++) {
        z = (z + 0x9e3779b9) >>> 0;
        let t = z ^ (z >>> 16);
        t = Math.imul(t, 0x21f0aaad);
        t ^= t >>> 15;
        t = Math.imul(t, 0x735a2d97);
        t ^= t >>> 15;
        this.s[i] = t >>> 0;
      }
      // Mix the high part of seeds beyond 32 bits in too.
      this.s[0] = (this.s[0]! ^ Math.floor(seed / 0x100000000)) >>> 0;
    } else {
      if (seed.length !== 4) throw badInput('seed', seed, 'a state has four uint32 words');
      seed.forEach((v, i) => (this.s[i] = v >>> 0));
    }
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** The state, to store in a checkpoint and continue the stream later with `new Prng(state)`. */
  state(): number[] {
    return Array.from(this.s);
  }

  /** Next uint32. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 24-bit resolution. */
  next(): number {
    return (this.nextUint32() >>> 8) / 16777216;
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

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Derive a child seed from a seed and a path of integers (e.g. seed, epoch, step): stable across machines. */
export function deriveSeed(seed: number, ...path: number[]): number {
  const r = new Prng(seed);
  let h = r.nextUint32();
  for (const p of path) h = new Prng((h ^ Math.imul(p >>> 0, 0x9e3779b1)) >>> 0).nextUint32();
  return h;
}
