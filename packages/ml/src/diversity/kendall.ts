/**
 * Kendall-τ (bubble-sort) distance between two members' class rankings (Kendall, "A new measure of
 * rank correlation", Biometrika 30, 1938; ZuchniakK/Voting `count_kendalltau_dist`): the number of
 * class pairs the two rankings order differently, divided here by C(C−1)/2 so it lies in [0, 1], and
 * averaged over samples. 0 = identical rankings, 1 = reversed.
 *
 * Cost. Directly it is O(M²·S·C²), the most expensive part of the diversity suite. For C ≤ 23 each
 * (member, sample) ranking is encoded once as a bitset of its C(C−1)/2 pairwise orders (≤ 8 words),
 * and a pair of rankings then costs one XOR + popcount per word: 10 classes → 45 bits → 2 words per
 * comparison instead of 45 position lookups. Larger C falls back to comparing positions directly.
 */
import type { Ensemble } from '../fusion/ensemble.ts';
import { rankOrder } from '../fusion/ranking.ts';

const MAX_WORDS = 8;
const POPCOUNT16 = (() => {
  const table = new Uint8Array(1 << 16);
  for (let i = 1; i < table.length; i++) table[i] = (table[i >> 1] as number) + (i & 1);
  return table;
})();

/** M × M matrix of mean normalised Kendall-τ distances between members' rankings. */
export function kendallTauMatrix(ensemble: Ensemble): Float64Array {
  const { models: M, samples: S, classes: C } = ensemble;
  const pairs = (C * (C - 1)) / 2;
  const words = Math.ceil(pairs / 32);
  const positions = ensemble.probabilities.map((p) => positionsOf(rankOrder(p, C), C));
  const out = new Float64Array(M * M);
  const discordant =
    words <= MAX_WORDS ? bitsetDistances(positions, S, C, words) : directDistances(positions, S, C);
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) {
      const d = (discordant[i * M + j] as number) / (S * pairs);
      out[i * M + j] = d;
      out[j * M + i] = d;
    }
  }
  return out;
}

function positionsOf(order: Uint8Array | Uint16Array, C: number): Uint16Array {
  const pos = new Uint16Array(order.length);
  for (let off = 0; off < order.length; off += C)
    for (let r = 0; r < C; r++) pos[off + (order[off + r] as number)] = r;
  return pos;
}

/** Total discordant pairs per member pair (upper triangle of an M × M array) via pairwise-order bitsets. */
function bitsetDistances(positions: Uint16Array[], S: number, C: number, words: number): Float64Array {
  const M = positions.length;
  const bits = positions.map((pos) => {
    const b = new Int32Array(S * words);
    for (let s = 0; s < S; s++) {
      const off = s * C;
      // Bits are accumulated in a local word and stored once per 32 pairs.
      let k = 0;
      let acc = 0;
      let word = s * words;
      for (let a = 0; a < C - 1; a++) {
        const pa = pos[off + a] as number;
        for (let c = a + 1; c < C; c++) {
          // Branch-free (pa < pc): the sign bit of pa − pc. Random rankings defeat branch prediction.
          acc |= ((pa - (pos[off + c] as number)) >>> 31) << (k & 31);
          if ((++k & 31) === 0) {
            b[word++] = acc;
            acc = 0;
          }
        }
      }
      if ((k & 31) !== 0) b[word] = acc;
    }
    return b;
  });
  const total = new Float64Array(M * M);
  for (let i = 0; i < M; i++) {
    const bi = bits[i] as Int32Array;
    for (let j = i + 1; j < M; j++) {
      const bj = bits[j] as Int32Array;
      let count = 0;
      for (let w = 0; w < bi.length; w++) {
        const x = (bi[w] as number) ^ (bj[w] as number);
        count += (POPCOUNT16[x & 0xffff] as number) + (POPCOUNT16[x >>> 16] as number);
      }
      total[i * M + j] = count;
    }
  }
  return total;
}

function directDistances(positions: Uint16Array[], S: number, C: number): Float64Array {
  const M = positions.length;
  const total = new Float64Array(M * M);
  for (let i = 0; i < M; i++) {
    const pi = positions[i] as Uint16Array;
    for (let j = i + 1; j < M; j++) {
      const pj = positions[j] as Uint16Array;
      let count = 0;
      for (let s = 0; s < S; s++) {
        const off = s * C;
        for (let a = 0; a < C - 1; a++) {
          const ia = pi[off + a] as number;
          const ja = pj[off + a] as number;
          for (let c = a + 1; c < C; c++) {
            if (ia < (pi[off + c] as number) !== ja < (pj[off + c] as number)) count++;
          }
        }
      }
      total[i * M + j] = count;
    }
  }
  return total;
}
