// The method's claims, each tested with paired comparisons (issue 19): Wilcoxon signed-rank and paired
// t, two-sided, Holm-adjusted over every comparison of the dataset (paired-tests.ts). A claim "held"
// when its comparison is significant in the claimed direction after the adjustment.
import { levels, num, ok, ruleAccuracies, stat, tagNum } from './analysis.ts';
import type { RunRecord } from './collect.ts';
import { modeLabel } from './figures.ts';
import type { Finding } from './grid-section.ts';
import { pct, pp, table } from './markdown.ts';
import { family, pValue, type Comparison } from './paired-tests.ts';
import type { Section } from './study-sections.ts';

/** The runs the claims are tested on. */
export interface ClaimRuns {
  grid: RunRecord[];
  hinton: RunRecord[];
  snapshot: RunRecord[];
  second: RunRecord[];
}

interface Item {
  claim: string;
  name: string;
  pairing: string;
  a: number[];
  b: number[];
  /** 1: the claim says a > b; 0: a ≠ b; 'not-worse': a is not significantly below b. */
  direction: 1 | 0 | 'not-worse';
}

const acc = (r: RunRecord) => num(r, 'test_accuracy');
const alphaOf = (r: RunRecord) => Number(r.params.alpha);
/** The repetition of a run: its rep tag, or the seed in a baseline's name (runs tagged before the rep tag). */
const repOf = (r: RunRecord) =>
  Number.isFinite(tagNum(r, 'rep')) ? tagNum(r, 'rep') : Number(/seed=(\d+)/.exec(r.name)?.[1] ?? Number.NaN);
const tiesOf = (r: RunRecord) => r.tags.get('ties') ?? 'PRINCIPLED';

/** Pairs of `xs` and `ys` matched by `key`: values a (from xs) and b (from ys). */
function match(xs: RunRecord[], ys: RunRecord[], key: (r: RunRecord) => string, va = acc, vb = acc) {
  const byKey = new Map(ys.map((y) => [key(y), y]));
  const a: number[] = [];
  const b: number[] = [];
  for (const x of xs) {
    const y = byKey.get(key(x));
    if (y) {
      a.push(va(x));
      b.push(vb(y));
    }
  }
  return { a, b };
}

/** Paired tests of the method's claims on one dataset; findings carry the Holm-adjusted verdicts. */
export function claimsSection(label: string, runs: ClaimRuns): Section {
  const students = ok(runs.grid, 'student');
  const baselines = ok(runs.grid, 'baseline');
  const teachers = ok(runs.grid, 'teacher');
  const ensembles = ok(runs.grid, 'ensemble');
  const modes = [...new Set(students.map((s) => String(s.params.mode)))];
  const cellKey = (r: RunRecord) => `${tagNum(r, 'p')}|${tagNum(r, 'N')}|${repOf(r)}|${alphaOf(r)}`;
  const items: Item[] = [];
  const baseRep = (r: RunRecord) => String(repOf(r));
  const baseMean = stat(baselines.map(acc));
  const teacherAt = (p: number) => stat(teachers.filter((t) => tagNum(t, 'p') === p).map(acc));
  const strongPs = levels(teachers, 'p').filter((p) => baseMean && (teacherAt(p)?.mean ?? 0) > baseMean.mean);

  for (const m of modes) {
    const of = students.filter((s) => String(s.params.mode) === m);
    items.push({
      claim: 'student beats the label-only baseline',
      name: `${modeLabel(m)} − baseline`,
      pairing:
        'each student with the baseline of its repetition (same seed, architecture, augmentation, budget); a baseline serves every student of its repetition, so pairs share it',
      ...match(of, baselines, baseRep),
      direction: 1,
    });
    const strong = of.filter((s) => strongPs.includes(tagNum(s, 'p')));
    if (strong.length && strongPs.length < levels(of, 'p').length)
      items.push({
        claim: 'student beats the label-only baseline when the teachers are better than it',
        name: `${modeLabel(m)} − baseline, p ∈ {${strongPs.join(', ')}}`,
        pairing: 'as above, only students of the fractions whose mean teacher beats the mean baseline',
        ...match(strong, baselines, baseRep),
        direction: 1,
      });
    const ens = ensembles.filter((e) => tiesOf(e) === 'PRINCIPLED');
    const drawKey = (r: RunRecord) => `${tagNum(r, 'p')}|${tagNum(r, 'N')}|${repOf(r)}`;
    // With N = the pool size every repetition draws the same teachers, so one ensemble (rep 0) serves all.
    const pool = Math.max(
      0,
      ...levels(teachers, 'p').map((p) => teachers.filter((t) => tagNum(t, 'p') === p).length),
    );
    const ensKey = (r: RunRecord) =>
      tagNum(r, 'N') === pool ? `${tagNum(r, 'p')}|${tagNum(r, 'N')}|0` : drawKey(r);
    items.push({
      claim: "student reaches its teachers' ensemble",
      name: `${modeLabel(m)} − its teachers' ensemble (mean rule)`,
      pairing: 'each student with the mean-rule fusion of the very teachers it distilled from',
      ...match(
        of,
        ens.filter((e) => tagNum(e, 'N') !== pool || repOf(e) === 0 || !Number.isFinite(repOf(e))),
        ensKey,
        acc,
        (e) => ruleAccuracies(e).get('mean') ?? Number.NaN,
      ),
      direction: 'not-worse',
    });
  }
  const byMode = (m: string) => students.filter((s) => String(s.params.mode) === m);
  for (const [a, b, claim, direction] of [
    ['MIMIC_ALL', 'OUTPUT_AVG', 'mimic_all beats output_avg', 1],
    ['MIMIC_ALL', 'LOSS_AVG', 'mimic_all beats loss_avg', 1],
    ['LOSS_AVG', 'OUTPUT_AVG', 'loss_avg and output_avg differ', 0],
    ['SUPERNET', 'OUTPUT_AVG', 'supernet differs from output_avg', 0],
    ['SUPERNET2', 'SUPERNET', 'supernet2 differs from supernet', 0],
  ] as const) {
    if (!modes.includes(a) || !modes.includes(b)) continue;
    items.push({
      claim,
      name: `${modeLabel(a)} − ${modeLabel(b)}`,
      pairing: 'same teachers, α and seed; only the mode differs',
      ...match(byMode(a), byMode(b), cellKey),
      direction,
    });
  }
  const alphas = [...new Set(students.map(alphaOf))].sort((x, y) => x - y);
  const mimic = byMode('MIMIC_ALL');
  const noAlpha = (r: RunRecord) => `${tagNum(r, 'p')}|${tagNum(r, 'N')}|${repOf(r)}`;
  for (let i = 0; i < alphas.length; i++)
    for (let j = i + 1; j < alphas.length; j++) {
      const { a, b } = match(
        mimic.filter((s) => alphaOf(s) === alphas[j]),
        mimic.filter((s) => alphaOf(s) === alphas[i]),
        noAlpha,
      );
      if (a.length)
        items.push({
          claim: 'α matters (mimic_all)',
          name: `mimic_all α = ${alphas[j]} − α = ${alphas[i]}`,
          pairing: 'same teachers, seed and mode; only α differs (needs the crossed α design)',
          a,
          b,
          direction: 0,
        });
    }
  const ns = levels(students, 'N');
  for (const m of modes.filter((x) => x === 'MIMIC_ALL' || x === 'OUTPUT_AVG')) {
    for (let i = 1; i < ns.length; i++) {
      const lo = ns[0]!;
      const hi = ns[i]!;
      const nKey = (r: RunRecord) => `${tagNum(r, 'p')}|${repOf(r)}|${alphaOf(r)}`;
      items.push({
        claim: 'more teachers help',
        name: `${modeLabel(m)} N = ${hi} − N = ${lo}`,
        pairing: 'same p, seed, α and mode; the teachers are drawn anew for each N',
        ...match(
          byMode(m).filter((s) => tagNum(s, 'N') === hi),
          byMode(m).filter((s) => tagNum(s, 'N') === lo),
          nKey,
        ),
        direction: 1,
      });
    }
  }
  const hinton = ok(runs.hinton, 'student');
  if (hinton.length)
    items.push({
      claim: "Hinton's softened KD helps mimic_all",
      name: `mimic_all Hinton T = ${String(hinton[0]!.params.temperature)} − as original (T = 1)`,
      pairing: 'same teachers, α and seed at p = 1',
      ...match(hinton, mimic, cellKey),
      direction: 1,
    });
  const snapStudents = ok(runs.snapshot, 'student');
  for (const origin of ['SNAPSHOT', 'FGE']) {
    const of = snapStudents.filter((s) => s.tags.get('origin') === origin);
    if (!of.length) continue;
    const gridAtN = (s: RunRecord) => `${String(s.params.mode)}|${tagNum(s, 'N')}|${repOf(s)}|${alphaOf(s)}`;
    items.push({
      claim: `students of ${origin.toLowerCase()} checkpoints match students of independent teachers at equal cost`,
      name: `student of ${origin.toLowerCase()} checkpoints − student of independent teachers`,
      pairing: "same mode, α, seed and number of members (the grid's p = 1 students of all five teachers)",
      ...match(
        of,
        students.filter((s) => tagNum(s, 'p') === 1),
        gridAtN,
      ),
      direction: 'not-worse',
    });
  }
  const allEns = ok(runs.grid, 'ensemble').concat(ok(runs.second, 'ensemble'));
  const byTies = (t: string) => allEns.filter((e) => tiesOf(e) === t);
  if (byTies('ORIGINAL').length) {
    const key = (e: RunRecord) => `${e.tags.get('arch')}|${tagNum(e, 'p')}|${tagNum(e, 'N')}|${repOf(e)}`;
    for (const rule of ['plurality', 'borda', 'copeland', 'baldwin', 'bucklin', 'nanson', 'condorcet']) {
      const v = (e: RunRecord) => ruleAccuracies(e).get(rule) ?? Number.NaN;
      items.push({
        claim: 'the ORIGINAL tie convention changes the voting rules’ accuracy',
        name: `${rule}: ORIGINAL − PRINCIPLED ties`,
        pairing: 'the same ensemble evaluated under both conventions',
        ...match(byTies('ORIGINAL'), byTies('PRINCIPLED'), key, v, v),
        direction: 0,
      });
    }
  }

  const tested = family(items.map((it) => ({ name: it.name, pairing: it.pairing, a: it.a, b: it.b })));
  const itemOf = new Map(items.map((it) => [it.name, it]));
  const holds = (c: Comparison) => {
    const it = itemOf.get(c.name)!;
    if (it.direction === 'not-worse') return !(c.significant && c.test.diff.mean < 0);
    return c.significant && (it.direction === 0 || c.test.diff.mean > 0);
  };
  const md = [
    `### Claims tested with paired comparisons (${label})`,
    '',
    `Every comparison pairs runs that differ in one thing only (column "pairing"). Differences a − b in percentage points as "mean (SEM), n"; two-sided Wilcoxon signed-rank p (exact for n ≤ 50 without ties or zero differences, else the normal approximation with continuity and tie corrections; @stdlib/stats-wilcoxon) and paired t p (@stdlib/stats-ttest); "Holm p" adjusts the Wilcoxon p over all ${tested.length} comparisons of this dataset, and "significant" means Holm p < 0.05. Differences between runs that share a baseline or a teacher draw are not independent, so the p-values are, if anything, optimistic.`,
    '',
    table(
      [
        'claim',
        'a − b',
        'difference (pp)',
        'a better',
        'Wilcoxon p',
        't p',
        'Holm p',
        'significant',
        'pairing',
      ],
      tested.map((c) => [
        itemOf.get(c.name)!.claim,
        c.name,
        `${pp(c.test.diff.mean)} (${(100 * (c.test.diff.sem ?? Number.NaN)).toFixed(2)}), ${c.test.n}`,
        `${c.test.wins} of ${c.test.n}${c.test.ties ? ` (${c.test.ties} ties)` : ''}`,
        `${pValue(c.test.wilcoxonP)}${c.test.wilcoxonMethod === 'exact' ? ' (exact)' : ''}`,
        pValue(c.test.tP),
        pValue(c.holmP),
        c.significant ? '**yes**' : 'no',
        c.pairing,
      ]),
    ),
    '',
  ];
  const findings: Finding[] = [];
  const claims = [...new Set(items.map((it) => it.claim))];
  for (const claim of claims) {
    const cs = tested.filter((c) => itemOf.get(c.name)!.claim === claim);
    if (!cs.length) continue;
    const held = cs.filter(holds).length;
    const notWorse = itemOf.get(cs[0]!.name)!.direction === 'not-worse';
    findings.push({
      claim: `${claim} (paired, ${notWorse ? 'held unless significantly worse' : 'significant'} at Holm-adjusted p < 0.05)`,
      held: held === cs.length,
      evidence: `${held} of ${cs.length} comparisons ${notWorse ? 'not significantly worse' : 'significant in the claimed direction'}: ${cs
        .map((c) => `${c.name} ${pp(c.test.diff.mean)} (Holm p ${pValue(c.holmP)})`)
        .join('; ')}`,
    });
  }
  if (baseMean) {
    const ps = levels(teachers, 'p');
    findings.unshift({
      claim: 'the precondition of the headline: the teachers are better than the label-only baseline',
      held: strongPs.length > 0,
      evidence: `baseline ${pct(baseMean.mean)}; mean teacher ${ps.map((p) => `p = ${p}: ${pct(teacherAt(p)?.mean)}`).join(', ')}`,
    });
  }
  return { markdown: md.join('\n'), files: [], findings };
}
