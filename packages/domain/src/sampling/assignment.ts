// A split is one byte per training sample of a dataset: its role. The API stores it
// (`Split.assignment`), the runner cuts the dataset with it, the CLI computes stratified ones.
import type { SplitRole } from '../datasets.ts';

/** Assignment byte of each role, and UNUSED for samples a compute-budget split leaves out. */
export const ROLE_BYTE: Readonly<Record<SplitRole, number>> = { TRAIN: 0, VAL: 1, TEST: 2 };
/** Assignment byte of samples a budget split leaves out of every role. */
export const UNUSED = 3;

/** How many samples an assignment gives `role`, or leaves UNUSED. */
export function countRole(assignment: ArrayLike<number>, role: SplitRole | 'UNUSED'): number {
  const byte = role === 'UNUSED' ? UNUSED : ROLE_BYTE[role];
  let n = 0;
  for (let i = 0; i < assignment.length; i++) if (assignment[i] === byte) n++;
  return n;
}

/** Ascending indices of the samples an assignment gives `role`. */
export function indicesOfRole(assignment: ArrayLike<number>, role: SplitRole): Uint32Array {
  const byte = ROLE_BYTE[role];
  // Typed buffers instead of number[]: 2M samples stay a few MB and tens of milliseconds.
  const out = new Uint32Array(countRole(assignment, role));
  let k = 0;
  for (let i = 0; i < assignment.length; i++) if (assignment[i] === byte) out[k++] = i;
  return out;
}

/** Little-endian bytes of uint32 indices (the `Subset.members` format). */
export function indicesToBytes(indices: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(indices.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < indices.length; i++) view.setUint32(i * 4, indices[i]!, true);
  return out;
}

/** Inverse of indicesToBytes (a trailing partial word is ignored). */
export function bytesToIndices(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.byteLength / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4, true);
  return out;
}

/** Where a split role's samples come from: training samples at `indices`, or a dataset's own set whole. */
export type RoleSource = { set: 'train'; indices: Uint32Array } | { set: 'val' | 'test' };

/**
 * The samples of `role` in the order training and prediction use them: TEST is the dataset's own test
 * set unless the split cut one from train (testFraction > 0); VAL is the dataset's own val set when the
 * split assigns none and the dataset has one; everything else is the assignment's indices, ascending.
 */
export function roleSource(
  assignment: ArrayLike<number>,
  role: SplitRole,
  o: { testFraction: number; hasOwnVal: boolean },
): RoleSource {
  if (role === 'TEST' && o.testFraction <= 0) return { set: 'test' };
  if (role === 'VAL' && o.hasOwnVal && countRole(assignment, 'VAL') === 0) return { set: 'val' };
  return { set: 'train', indices: indicesOfRole(assignment, role) };
}
