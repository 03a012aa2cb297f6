import { badInput } from '@distillery/errors';

/** Subset methods whose members are a set (no index twice); BOOTSTRAP draws with replacement. */
const DISTINCT_METHODS = new Set(['BERNOULLI', 'STRATIFIED_EXACT']);

/**
 * Members a subset may hold: training samples of the split only (anything else leaks validation or
 * test data into a teacher), at least one, no repeats unless bootstrapped, and about p·n of them:
 * within the per-class rounding of a stratified draw or 5σ of a Bernoulli one (exactly round(p·n)
 * for a bootstrap).
 */
export function checkMembers(
  field: string,
  members: Uint32Array,
  o: { assignment: Uint8Array; trainCount: number; fraction: number; method: string; classes: number },
): void {
  if (members.length === 0) throw badInput(field, '0 members', 'a subset needs at least one training sample');
  const seen = DISTINCT_METHODS.has(o.method) ? new Uint8Array(o.assignment.length) : null;
  for (const i of members) {
    if (o.assignment[i] !== 0)
      throw badInput(field, `sample ${i}`, 'every member must be a training sample of the split (byte 0)');
    if (seen) {
      if (seen[i]) throw badInput(field, `sample ${i}`, `${o.method} subsets hold each sample at most once`);
      seen[i] = 1;
    }
  }
  const expected = o.fraction * o.trainCount;
  const tolerance =
    o.method === 'BOOTSTRAP' ? 0.5 : Math.max(o.classes, 5 * Math.sqrt(expected * (1 - o.fraction))) + 1;
  if (Math.abs(members.length - expected) > tolerance)
    throw badInput(
      field,
      `${members.length} members`,
      `p = ${o.fraction} of ${o.trainCount} training samples means about ${Math.round(expected)}`,
    );
}
