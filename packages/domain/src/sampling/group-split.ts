// The group-aware split: whole groups (an aircraft, a camera, a patient) go to one role, so no group
// is ever seen in training and judged in val or test (the DAIS corrosion task splits by aircraft,
// mtkd-method.md §1.6). Within that constraint the draw tries to give each role its share of every
// class, as StratifiedGroupKFold does in scikit-learn.
import { badInput } from '@distillery/errors';

import { Prng } from '../random/prng.ts';
import { checkExactFractions, type ExactDraw } from './split.ts';

/** Group value of a sample that belongs to no group: it forms a group of its own. */
export const NO_GROUP = 0xffffffff;

interface Group {
  members: number[];
  /** Samples per class, indexed by label. */
  counts: Map<number, number>;
}

function collectGroups(labels: ArrayLike<number>, groups: ArrayLike<number>): Group[] {
  if (labels.length !== groups.length)
    throw badInput('groups', groups.length, `needs one group per sample (${labels.length})`);
  const byKey = new Map<number, Group>();
  const singles: Group[] = [];
  for (let i = 0; i < labels.length; i++) {
    const key = groups[i]!;
    let g = key === NO_GROUP ? undefined : byKey.get(key);
    if (!g) {
      g = { members: [], counts: new Map() };
      if (key === NO_GROUP) singles.push(g);
      else byKey.set(key, g);
    }
    g.members.push(i);
    g.counts.set(labels[i]!, (g.counts.get(labels[i]!) ?? 0) + 1);
  }
  // Ascending group value, then the ungrouped samples in index order: one order before the shuffle.
  return [...[...byKey.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g), ...singles];
}

/**
 * Net fill of `role`'s remaining per-class quota if group `g` joined it: samples that fill a quota
 * minus samples beyond it. Positive means the group brings the role closer to its share.
 */
function netFill(g: Group, remaining: Map<number, number>): number {
  let net = 0;
  for (const [label, n] of g.counts) {
    const left = Math.max(0, remaining.get(label) ?? 0);
    net += Math.min(n, left) - Math.max(0, n - left);
  }
  return net;
}

/**
 * Assign whole groups to train (0), val (1) and test (2). Groups are visited in a seeded shuffle;
 * each goes to the held-out role whose per-class quota (round(n_c · fraction)) it fills best, or to
 * train when it would overshoot more than it fills. A requested role left empty takes the smallest
 * training group that leaves train non-empty; failing that the draw is refused. `groups[i]` is the
 * group of sample i (NO_GROUP: a group of its own).
 */
export function drawGroupSplit(
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
  draw: ExactDraw,
): Uint8Array<ArrayBuffer> {
  const { val, test } = checkExactFractions(draw);
  const all = collectGroups(labels, groups);
  new Prng(draw.seed).shuffle(all);
  const perClass = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) perClass.set(labels[i]!, (perClass.get(labels[i]!) ?? 0) + 1);
  const quota = (f: number) => new Map([...perClass].map(([l, n]) => [l, Math.round(n * f)]));
  const roles = [
    { byte: 1, fraction: val, remaining: quota(val), groups: [] as Group[] },
    { byte: 2, fraction: test, remaining: quota(test), groups: [] as Group[] },
  ].filter((r) => r.fraction > 0);
  const train: Group[] = [];
  for (const g of all) {
    let best: (typeof roles)[number] | undefined;
    let bestNet = 0;
    for (const r of roles) {
      const net = netFill(g, r.remaining);
      if (net > bestNet) [best, bestNet] = [r, net];
    }
    if (!best) {
      train.push(g);
      continue;
    }
    best.groups.push(g);
    for (const [label, n] of g.counts) best.remaining.set(label, (best.remaining.get(label) ?? 0) - n);
  }
  for (const r of roles) {
    if (r.groups.length > 0) continue;
    const smallest = train.reduce<Group | undefined>(
      (s, g) => (!s || g.members.length < s.members.length ? g : s),
      undefined,
    );
    if (!smallest || train.length < 2)
      throw badInput(
        r.byte === 1 ? 'valFraction' : 'testFraction',
        r.fraction,
        `${all.length} groups cannot give every role at least one whole group`,
      );
    train.splice(train.indexOf(smallest), 1);
    r.groups.push(smallest);
  }
  if (train.length === 0)
    throw badInput('valFraction', val, `the groups leave no training sample (${all.length} groups)`);
  const out = new Uint8Array(labels.length);
  for (const r of roles) for (const g of r.groups) for (const i of g.members) out[i] = r.byte;
  return out;
}

/**
 * The first group found in two roles of `assignment` (bytes 0–2; 3 = unused is ignored), or null:
 * how a stored or hand-edited split is checked against its dataset's groups.
 */
export function groupSpanningRoles(
  assignment: ArrayLike<number>,
  groups: ArrayLike<number>,
): { group: number; roles: [number, number] } | null {
  const roleOf = new Map<number, number>();
  for (let i = 0; i < assignment.length; i++) {
    const g = groups[i]!;
    const r = assignment[i]!;
    if (g === NO_GROUP || r > 2) continue;
    const seen = roleOf.get(g);
    if (seen === undefined) roleOf.set(g, r);
    else if (seen !== r) return { group: g, roles: [seen, r] };
  }
  return null;
}
