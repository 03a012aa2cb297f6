// Paired comparisons of the grid's students: pairs that share their teachers, α and seed and differ only
// in the mode, and each student against the baseline trained with the same seed; with the findings
// they decide (loss_avg vs output_avg, mimic_all vs output_avg).
import { num, stat, tagNum } from './analysis.ts';
import type { RunRecord } from './collect.ts';
import { modeLabel } from './figures.ts';
import type { Finding } from './grid-section.ts';
import { cell, pp, table } from './markdown.ts';
import { THESIS_CIFAR10 } from './reference.ts';

/** Markdown of the paired-comparison table and the findings it decides. */
export function pairedComparisons(
  label: string,
  students: RunRecord[],
  baselines: RunRecord[],
  modes: string[],
): { markdown: string[]; findings: Finding[] } {
  const md: string[] = [];
  const findings: Finding[] = [];
  // Paired comparisons: the same teachers, α and seed, only the mode differs (or the teachers are dropped).
  const pairKey = (r: RunRecord) =>
    `${tagNum(r, 'p')}|${tagNum(r, 'N')}|${tagNum(r, 'rep')}|${Number(r.params.alpha)}`;
  const byMode = new Map(
    modes.map((m) => [
      m,
      new Map(students.filter((s) => s.params.mode === m).map((s) => [pairKey(s), num(s, 'test_accuracy')])),
    ]),
  );
  const paired = (a: string, b: string) => {
    const diffs = [...(byMode.get(a) ?? new Map<string, number>())].flatMap(([k, v]) =>
      byMode.get(b)?.has(k) ? [v - byMode.get(b)!.get(k)!] : [],
    );
    return {
      a,
      b,
      s: stat(diffs),
      wins: diffs.filter((d) => d > 0).length,
      ties: diffs.filter((d) => d === 0).length,
      maxAbs: Math.max(0, ...diffs.map(Math.abs)),
      n: diffs.length,
    };
  };
  const comparisons = [
    ['MIMIC_ALL', 'OUTPUT_AVG'],
    ['MIMIC_ALL', 'LOSS_AVG'],
    ['LOSS_AVG', 'OUTPUT_AVG'],
    ['SUPERNET', 'OUTPUT_AVG'],
    ['SUPERNET', 'MIMIC_ALL'],
  ]
    .filter(([a, b]) => modes.includes(a!) && modes.includes(b!))
    .map(([a, b]) => paired(a!, b!));
  const baseBySeed = new Map(
    baselines.map((b) => [Number(b.name.match(/seed=(\d+)/)?.[1] ?? Number.NaN), num(b, 'test_accuracy')]),
  );
  const vsBase = modes.map((m) => {
    const diffs = students
      .filter((s) => s.params.mode === m && baseBySeed.has(tagNum(s, 'rep')))
      .map((s) => num(s, 'test_accuracy') - baseBySeed.get(tagNum(s, 'rep'))!);
    return { m, s: stat(diffs), wins: diffs.filter((d) => d > 0).length, n: diffs.length };
  });
  md.push(
    `### Paired comparisons (${label})`,
    '',
    'Differences in test accuracy between students that share their teachers, α and seed and differ only in the mode (a − b), and between each student and the baseline trained with the same seed; "mean (SEM), n" in percentage points, with how often a beats b.',
    '',
  );
  md.push(
    table(
      ['a − b', 'difference (pp)', 'a better', 'largest absolute difference (pp)'],
      [
        ...comparisons.map((c) => [
          `${modeLabel(c.a)} − ${modeLabel(c.b)}`,
          cell(c.s),
          `${c.wins} of ${c.n}${c.ties ? ` (${c.ties} ties)` : ''}`,
          (100 * c.maxAbs).toFixed(2),
        ]),
        ...vsBase.map((v) => [
          `${modeLabel(v.m)} − baseline (same seed)`,
          cell(v.s),
          `${v.wins} of ${v.n}`,
          '',
        ]),
      ],
    ),
    '',
  );
  const same = comparisons.find((c) => c.a === 'LOSS_AVG' && c.b === 'OUTPUT_AVG');
  if (same && same.n > 0) {
    findings.push({
      claim: `loss_avg and output_avg are different methods (thesis: loss_avg ahead of output_avg in ${thesisLossAhead()} of 20 cells)`,
      // Different methods would show a systematic paired difference (beyond 2 SEM), not float-level noise.
      held: same.s !== null && same.s.sem !== null && Math.abs(same.s.mean) > 2 * same.s.sem,
      evidence: `paired over ${same.n} students the difference is ${pp(same.s?.mean ?? 0)} (SEM ${(100 * (same.s?.sem ?? 0)).toFixed(2)} pp; ${same.ties} identical, largest ${(100 * same.maxAbs).toFixed(2)} pp where float rounding sent two runs apart): KL is linear in its target, so (1/N) Σ KL(tᵢ‖s) = KL(t̄‖s) + a constant — the two losses have the same gradient, and seeded runs train the same student. The thesis' gaps between them come from unseeded runs`,
    });
  }
  const mo = comparisons.find((c) => c.a === 'MIMIC_ALL' && c.b === 'OUTPUT_AVG');
  if (mo?.s) {
    findings.push({
      claim: 'mimic_all beats output_avg on the same teachers (paired)',
      held: mo.s.mean > 0 && mo.wins > mo.n / 2,
      evidence: `mimic_all − output_avg ${pp(mo.s.mean)} (SEM ${(100 * (mo.s.sem ?? Number.NaN)).toFixed(2)} pp), better in ${mo.wins} of ${mo.n} pairs`,
    });
  }
  return { markdown: md, findings };
}

/** Cells of the thesis tables where loss_avg's mean is above output_avg's. */
function thesisLossAhead(): number {
  return Object.values(THESIS_CIFAR10)
    .flat()
    .filter(([, out, loss]) => loss.mean > out.mean).length;
}
