import { seededRandom } from '@distillery/ml/random';

/** Bernoulli split: each training sample goes to val with probability valFraction, else test/train. */
export function bernoulliAssignment(
  n: number,
  seed: number,
  valFraction: number,
  testFraction: number,
): Uint8Array<ArrayBuffer> {
  const rand = seededRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = rand();
    out[i] = r < valFraction ? 1 : r < valFraction + testFraction ? 2 : 0;
  }
  return out;
}

/** Assignment byte of samples a budget split leaves out of every role. */
export const UNUSED = 3;

/**
 * Keep each sample with probability `useFraction` and mark the rest UNUSED: a compute-budget split
 * that trains on part of a dataset but keeps its own test set. A separate seeded stream, so the
 * kept samples keep the role `bernoulliAssignment` gave them under the same seed.
 */
export function markUnused(
  assignment: Uint8Array<ArrayBuffer>,
  seed: number,
  useFraction: number,
): Uint8Array<ArrayBuffer> {
  const rand = seededRandom((seed ^ 0x5bd1e995) >>> 0);
  const out = Uint8Array.from(assignment);
  for (let i = 0; i < out.length; i++) if (rand() >= useFraction) out[i] = UNUSED;
  return out;
}

/** Indices of a subset of `train`: Bernoulli(p) keeps each with probability p; bootstrap draws round(p·n) with replacement. */
export function sampleSubset(
  train: Uint32Array,
  fraction: number,
  seed: number,
  method: 'BERNOULLI' | 'BOOTSTRAP',
): Uint32Array {
  const rand = seededRandom(seed);
  if (method === 'BOOTSTRAP') {
    const k = Math.round(fraction * train.length);
    const out = new Uint32Array(k);
    for (let i = 0; i < k; i++) out[i] = train[Math.floor(rand() * train.length)]!;
    return out;
  }
  // A typed buffer instead of number[]: 2M samples stay a few MB and tens of milliseconds.
  const kept = new Uint32Array(train.length);
  let k = 0;
  for (let i = 0; i < train.length; i++) if (rand() < fraction) kept[k++] = train[i]!;
  return kept.slice(0, k);
}

/** Little-endian bytes of uint32 indices (the Subset.members format). */
export function indicesToBytes(indices: Uint32Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(indices.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < indices.length; i++) view.setUint32(i * 4, indices[i]!, true);
  return out;
}

/** Inverse of indicesToBytes. */
export function bytesToIndices(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** Indices of the samples a split assigns to training (byte 0). */
export function trainIndices(assignment: Uint8Array): Uint32Array {
  const out = new Uint32Array(countRole(assignment, 0));
  let k = 0;
  for (let i = 0; i < assignment.length; i++) if (assignment[i] === 0) out[k++] = i;
  return out;
}

/** How many samples the assignment gives `role` (0 train, 1 val, 2 test, 3 unused). */
export function countRole(assignment: Uint8Array, role: number): number {
  let n = 0;
  for (let i = 0; i < assignment.length; i++) if (assignment[i] === role) n++;
  return n;
}
