// The thesis grid on one dataset: teachers, students by N × p × mode (α pooled, from the API's
// resultsTable as the dashboard shows it), baselines, the ensembles of the same teachers, fusion
// rules, diversity and the effect of α — tables, figures and the verdicts on the method's findings.
import { join, relative } from 'node:path';

import { DISTILL_MODES } from '@distillery/domain';

import {
  bestModeByCell,
  cellKey,
  diversityOf,
  ensembleOf,
  levels,
  num,
  offDiagonalMean,
  ok,
  ruleAccuracies,
  stat,
  statMap,
  studentCells,
  tagNum,
  type Stat,
} from './analysis.ts';
import type { ResultRow, RunRecord } from './collect.ts';
import { modeLabel, plotDiversity, plotFusion, plotVsAlpha, plotVsN, plotVsP } from './figures.ts';
import { cell, pct, pp, table } from './markdown.ts';
import { THESIS_ALPHA_BY_N, THESIS_CIFAR10 } from './reference.ts';

/** A finding: what the thesis says, whether it held here, and the numbers. */
export interface Finding {
  claim: string;
  held: boolean | null;
  evidence: string;
}

/** Inputs of the grid section. */
export interface GridInput {
  label: string;
  slug: string;
  runs: RunRecord[];
  apiCells: ResultRow[];
  outDir: string;
  experimentName: string;
}

const THESIS_MODES = ['OUTPUT_AVG', 'LOSS_AVG', 'MIMIC_ALL'];

/** Markdown, figure files and findings of the grid of one dataset. */
export async function gridSection(
  g: GridInput,
): Promise<{ markdown: string; files: string[]; findings: Finding[] }> {
  const teachers = ok(g.runs, 'teacher');
  const students = ok(g.runs, 'student');
  const baselines = ok(g.runs, 'baseline');
  const ensembles = ok(g.runs, 'ensemble');
  const ps = levels(students, 'p');
  const ns = levels(students, 'N');
  const modes = [...new Set(students.map((s) => String(s.params.mode)))].sort((a, b) => order(a) - order(b));
  const local = studentCells(students);
  const alphas = [...new Set(students.map((s) => Number(s.params.alpha)))].sort((a, b) => a - b);
  const cells = new Map<string, Stat>();
  for (const r of g.apiCells)
    cells.set(cellKey(Number(r.group.TEACHER_COUNT), Number(r.group.FRACTION), String(r.group.MODE)), {
      mean: r.mean,
      sem: r.sem,
      n: r.n,
    });
  const mismatch = [...local].filter(
    ([k, s]) => !cells.has(k) || Math.abs(cells.get(k)!.mean - s.mean) > 1e-9 || cells.get(k)!.n !== s.n,
  );
  const baseline = stat(baselines.map((b) => num(b, 'test_accuracy')));
  const poolSize = Math.max(0, ...ps.map((p) => teachers.filter((t) => tagNum(t, 'p') === p).length));
  const ensOfN = (n: number) => ensembles.filter((e) => tagNum(e, 'N') === n);
  const ensAt = (n: number, p: number) =>
    stat(
      ensOfN(n)
        .filter((e) => tagNum(e, 'p') === p)
        .map((e) => num(e, 'mean_test_accuracy')),
    );
  const bestMemberAt = (n: number, p: number) =>
    stat(
      ensOfN(n)
        .filter((e) => tagNum(e, 'p') === p)
        .map((e) => num(e, 'best_member_accuracy')),
    );
  const files: string[] = [];
  const fig = (name: string) => join(g.outDir, 'figures', `${g.slug}-${name}.png`);
  const kept = (written: boolean, f: string) => {
    if (written) files.push(f);
  };
  const md: string[] = [];
  const findings: Finding[] = [];

  md.push(
    `### Teachers (${g.label})`,
    '',
    'Test accuracy % of each teacher, "mean (SEM), n" over the seeded subsets of each fraction p.',
    '',
  );
  const archs = [...new Set(teachers.map((t) => String(t.params.architectureKey)))];
  const tps = levels(teachers, 'p');
  md.push(
    table(
      ['architecture', ...tps.map((p) => `p = ${p}`)],
      archs.map((a) => [
        a,
        ...tps.map((p) =>
          cell(
            stat(
              teachers
                .filter((t) => t.params.architectureKey === a && tagNum(t, 'p') === p)
                .map((t) => num(t, 'test_accuracy')),
            ),
          ),
        ),
      ]),
    ),
    '',
  );

  md.push(`### Students, ensembles and baseline by N × p × mode (${g.label})`, '');
  md.push(
    `Student test accuracy %, "mean (SEM), n", α pooled over {${alphas.join(', ')}} exactly as the thesis pools it (§5.1). ` +
      `These cells are the API's \`resultsTable(groupBy: [TEACHER_COUNT, FRACTION, MODE])\` for the experiment "${g.experimentName}", the numbers the dashboard's Results page shows for it. ` +
      `"ensemble" is the mean-rule fusion of the very teachers the students of that row distilled from (one per repetition), "best teacher" the best single member of those draws, ` +
      `"baseline" the same architecture trained on labels only (${cell(baseline)} on every row).`,
    '',
  );
  if (mismatch.length)
    md.push(
      `> ⚠ ${mismatch.length} cells computed here from the runs differ from the API's resultsTable: ${mismatch.map(([k]) => k).join(', ')}.`,
      '',
    );
  for (const n of ns) {
    md.push(`**${n} teachers**`, '');
    const rows = [...ps]
      .reverse()
      .map((p) => [
        String(p),
        ...modes.map((m) => cell(cells.get(cellKey(n, p, m)))),
        cell(ensAt(n, p)),
        cell(bestMemberAt(n, p)),
      ]);
    md.push(table(['p', ...modes.map(modeLabel), 'ensemble (mean)', 'best teacher'], rows), '');
  }

  // Verdicts.
  const thesisModes = modes.filter((m) => THESIS_MODES.includes(m));
  const best = bestModeByCell(cells, ns, ps, thesisModes);
  const mimicWins = best.filter((b) => b.best === 'MIMIC_ALL').length;
  findings.push({
    claim:
      'mimic_all has the highest mean of output_avg / loss_avg / mimic_all in every (N, p) cell (thesis: 20 of 20 on CIFAR-10)',
    held: best.length ? mimicWins === best.length : null,
    evidence: `mimic_all is best in ${mimicWins} of ${best.length} cells (${best.filter((b) => b.best === 'MIMIC_ALL' && b.clear).length} by more than the combined SEM of the top two); winners: ${countBy(best.map((b) => modeLabel(b.best)))}; mean lead of the winner ${pp(stat(best.map((b) => b.margin))?.mean ?? Number.NaN)}`,
  });
  const beat = THESIS_MODES.filter((m) => modes.includes(m)).map((m) => {
    const xs = students.filter((s) => s.params.mode === m).map((s) => num(s, 'test_accuracy'));
    const above = xs.filter((x) => baseline && x > baseline.mean).length;
    return {
      m,
      above,
      total: xs.length,
      diff: baseline ? (stat(xs)?.mean ?? Number.NaN) - baseline.mean : Number.NaN,
    };
  });
  const allAbove = beat.every((b) => b.above === b.total);
  const teacherMean = stat(teachers.map((t) => num(t, 'test_accuracy')));
  const bestTeachers = stat(ensembles.map((e) => num(e, 'best_member_accuracy')));
  const why =
    baseline && teacherMean && teacherMean.mean < baseline.mean
      ? ` — the label-only baseline (${pct(baseline.mean)}) is already better than the average teacher (${pct(teacherMean.mean)}; the best teacher of a draw averages ${pct(bestTeachers?.mean)}): teachers trained on p-subsets for the same short budget know nothing the labels of the whole split do not teach, so distillation has little or nothing to add`
      : '';
  findings.push({
    claim: 'every student beats the same architecture trained on labels only (the baseline)',
    held: baseline ? allAbove : null,
    evidence:
      beat
        .map(
          (b) =>
            `${modeLabel(b.m)}: ${b.above}/${b.total} students above the baseline mean, mean ${pp(b.diff)}`,
        )
        .join('; ') + why,
  });
  const mimicP = ns
    .map((n) => ({
      n,
      lo: cells.get(cellKey(n, ps[0]!, 'MIMIC_ALL')),
      hi: cells.get(cellKey(n, ps.at(-1)!, 'MIMIC_ALL')),
    }))
    .filter((x) => x.lo && x.hi);
  findings.push({
    claim: `mimic_all accuracy rises with the teachers' fraction p (thesis: about 81.1–81.9 % at p = 0.6 to 82.7–83.7 % at p = 1)`,
    held:
      mimicP.length && ps.length > 1
        ? mimicP.filter((x) => x.hi!.mean > x.lo!.mean).length > mimicP.length / 2
        : null,
    evidence: mimicP.map((x) => `N=${x.n}: ${pct(x.lo!.mean)} → ${pct(x.hi!.mean)}`).join('; '),
  });
  const atFull = ns.map((n) => cells.get(cellKey(n, ps.at(-1)!, 'MIMIC_ALL'))?.mean ?? Number.NaN);
  const rising = atFull.slice(1).filter((v, i) => v > atFull[i]!).length;
  findings.push({
    claim:
      'mimic_all accuracy rises with the number of teachers at p = 1 (thesis: 82.72 → 83.11 → 83.22 → 83.66 for N = 2 → 5)',
    held: atFull.length > 1 ? rising === atFull.length - 1 : null,
    evidence: `${ns.map((n, i) => `N=${n}: ${pct(atFull[i])}`).join(' → ')} (${rising} of ${atFull.length - 1} steps rise)`,
  });
  const vsEnsemble = modes.map((m) => {
    const diffs = students
      .filter((s) => s.params.mode === m)
      .flatMap((s) => {
        const e = ensembleOf(ensembles, s, poolSize);
        return e
          ? [
              {
                d: num(s, 'test_accuracy') - num(e, 'mean_test_accuracy'),
                t: num(s, 'test_accuracy') - num(e, 'best_member_accuracy'),
              },
            ]
          : [];
      });
    return {
      m,
      ens: stat(diffs.map((x) => x.d)),
      teacher: stat(diffs.map((x) => x.t)),
      above: diffs.filter((x) => x.d > 0).length,
      total: diffs.length,
    };
  });
  findings.push({
    claim:
      "a student reaches its teachers' ensemble (compression of the ensemble into one model; the thesis reports no ensemble accuracy, §5.3)",
    held: vsEnsemble.every((v) => v.total > 0) ? vsEnsemble.every((v) => (v.ens?.mean ?? -1) >= 0) : null,
    evidence: vsEnsemble
      .map(
        (v) =>
          `${modeLabel(v.m)}: ${pp(v.ens?.mean ?? Number.NaN)} vs its ensemble (${v.above}/${v.total} above), ${pp(v.teacher?.mean ?? Number.NaN)} vs its best teacher`,
      )
      .join('; '),
  });
  const sems = thesisModes.map((m) => ({
    m,
    sem:
      stat(ps.flatMap((p) => ns.map((n) => cells.get(cellKey(n, p, m))?.sem ?? Number.NaN)))?.mean ??
      Number.NaN,
  }));
  const widest = [...sems].sort((a, b) => b.sem - a.sem)[0];
  findings.push({
    claim: 'output_avg has the largest spread between runs (thesis: SEM up to 1.18)',
    held: widest ? widest.m === 'OUTPUT_AVG' : null,
    evidence: sems.map((s) => `${modeLabel(s.m)} mean SEM ${pct(s.sem)}`).join('; '),
  });

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
    `### Paired comparisons (${g.label})`,
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

  // α (mimic_all), by N over every p.
  const byNAlpha = new Map(
    ns.map((n) => [
      n,
      statMap(alphas, (a) =>
        students
          .filter(
            (s) => s.params.mode === 'MIMIC_ALL' && tagNum(s, 'N') === n && Number(s.params.alpha) === a,
          )
          .map((s) => num(s, 'test_accuracy')),
      ),
    ]),
  );
  md.push(
    `### Effect of α on mimic_all (${g.label})`,
    '',
    `mimic_all test accuracy % by N and α, pooled over p (n = the runs of that N and α). Beside it, the thesis' CIFAR-10 values at p = 1 (§5.2, read off the plot).`,
    '',
  );
  md.push(
    table(
      ['N', ...alphas.map((a) => `α = ${a}`), ...alphas.map((a) => `thesis α = ${a}`)],
      ns.map((n) => [
        String(n),
        ...alphas.map((a) => cell(byNAlpha.get(n)?.get(a))),
        ...alphas.map((a) => THESIS_ALPHA_BY_N[n]?.[a]?.toFixed(2) ?? '–'),
      ]),
    ),
    '',
  );
  const lowestIs75 = ns.filter((n) => {
    const m = byNAlpha.get(n)!;
    const lowest = [...m].sort((a, b) => a[1].mean - b[1].mean)[0];
    return lowest?.[0] === 0.75;
  }).length;
  findings.push({
    claim:
      'α = 0.75 (most weight on labels) gives the lowest mimic_all accuracy in most rows (thesis: 3 of 4 N at p = 1)',
    held: ns.length ? lowestIs75 > ns.length / 2 : null,
    evidence: `α = 0.75 is lowest for ${lowestIs75} of ${ns.length} N; per-α means over all N: ${alphas.map((a) => `${a}: ${pct(stat(students.filter((s) => s.params.mode === 'MIMIC_ALL' && Number(s.params.alpha) === a).map((s) => num(s, 'test_accuracy')))?.mean)}`).join(', ')}`,
  });

  // Fusion rules over the grid ensembles.
  const rules = [...new Set(ensembles.flatMap((e) => [...ruleAccuracies(e).keys()]))];
  const ruleStat = (rule: string, n: number) =>
    stat(ensOfN(n).map((e) => ruleAccuracies(e).get(rule) ?? Number.NaN));
  const ensNs = levels(ensembles, 'N');
  const overall = rules
    .map((r) => ({ r, s: stat(ensembles.map((e) => ruleAccuracies(e).get(r) ?? Number.NaN)) }))
    .sort((a, b) => (b.s?.mean ?? 0) - (a.s?.mean ?? 0));
  md.push(
    `### Fusion rules (${g.label})`,
    '',
    `Test accuracy % of every fusion rule on the grid's ensembles (the students' teacher draws, every p), by ensemble size N, "mean (SEM), n". Rules sorted by their mean over all ensembles; "best member" is the best single teacher of each ensemble, "oracle" the share of test images at least one member gets right.`,
    '',
  );
  const extra = [
    ['best member', ...ensNs.map((n) => cell(stat(ensOfN(n).map((e) => num(e, 'best_member_accuracy')))))],
    [
      'oracle',
      ...ensNs.map((n) =>
        cell(stat(ensOfN(n).map((e) => Number(diversityOf(e)?.nonPairwise.oracleAccuracy ?? Number.NaN)))),
      ),
    ],
  ];
  md.push(
    table(
      ['rule', ...ensNs.map((n) => `N = ${n}`)],
      [...overall.map(({ r }) => [r, ...ensNs.map((n) => cell(ruleStat(r, n)))]), ...extra],
    ),
    '',
  );
  const meanRank = overall.findIndex((o) => o.r === 'mean') + 1;
  const bordaVsMean = stat(
    ensembles.map(
      (e) => (ruleAccuracies(e).get('borda') ?? Number.NaN) - (ruleAccuracies(e).get('mean') ?? Number.NaN),
    ),
  );
  const pluralityVsBorda = stat(
    ensembles.map(
      (e) =>
        (ruleAccuracies(e).get('plurality') ?? Number.NaN) - (ruleAccuracies(e).get('borda') ?? Number.NaN),
    ),
  );
  findings.push({
    claim:
      'for small ensembles summing probabilities beats the ranking rules, and plurality is the worst voting rule (Voting README)',
    held: bordaVsMean && pluralityVsBorda ? bordaVsMean.mean <= 0 && pluralityVsBorda.mean <= 0 : null,
    evidence: `over ${ensembles.length} ensembles of 2–${Math.max(...ensNs)} teachers: borda − mean ${pp(bordaVsMean?.mean ?? Number.NaN)}, plurality − borda ${pp(pluralityVsBorda?.mean ?? Number.NaN)}; mean ranks ${meanRank} of ${overall.length} rules, best: ${overall[0]?.r} (${pct(overall[0]?.s?.mean)})`,
  });

  // Diversity.
  const divRows = ensNs.map((n) => {
    const ds = ensOfN(n)
      .map(diversityOf)
      .filter((d): d is NonNullable<typeof d> => d !== null);
    const pair = (k: string) => stat(ds.map((d) => offDiagonalMean(d.measures[k] ?? [])));
    const non = (k: string) => stat(ds.map((d) => Number(d.nonPairwise[k] ?? Number.NaN)));
    return [
      String(n),
      ...['disagreement', 'qStatistic', 'correlation', 'kappa', 'doubleFault'].map((k) => fmt3(pair(k))),
      ...['entropy', 'kohaviWolpert', 'interraterKappa'].map((k) => fmt3(non(k))),
    ];
  });
  md.push(
    `### Diversity of the teachers (${g.label})`,
    '',
    'Mean over the grid ensembles of each size: pairwise measures averaged over member pairs (Kuncheva & Whitaker 2003), and the non-pairwise ones.',
    '',
  );
  md.push(
    table(
      ['N', 'disagreement', 'Q', 'ρ', 'κ', 'double fault', 'entropy', 'Kohavi–Wolpert', 'interrater κ'],
      divRows,
    ),
    '',
  );

  // Figures.
  const byModeP = new Map(
    modes.map((m) => [
      m,
      statMap(ps, (p) =>
        students
          .filter((s) => s.params.mode === m && tagNum(s, 'p') === p)
          .map((s) => num(s, 'test_accuracy')),
      ),
    ]),
  );
  kept(
    await plotVsP(
      fig('accuracy-vs-p'),
      `${g.label}: student accuracy vs teacher fraction p (N pooled)`,
      byModeP,
      baseline,
      ps,
    ),
    fig('accuracy-vs-p'),
  );
  const ensByN = statMap(ns, (n) => ensOfN(n).map((e) => num(e, 'mean_test_accuracy')));
  kept(
    await plotVsN(
      fig('accuracy-vs-n'),
      `${g.label}: accuracy vs number of teachers (p pooled)`,
      cells,
      ensByN,
      ns,
      ps,
      modes,
    ),
    fig('accuracy-vs-n'),
  );
  kept(
    await plotVsAlpha(
      fig('accuracy-vs-alpha'),
      `${g.label}: mimic_all accuracy vs α (p pooled)`,
      byNAlpha,
      alphas,
    ),
    fig('accuracy-vs-alpha'),
  );
  kept(
    await plotFusion(
      fig('fusion-rules'),
      `${g.label}: fusion rules by ensemble size`,
      overall.map((o) => o.r),
      ensNs,
      ruleStat,
    ),
    fig('fusion-rules'),
  );
  const widestEns = ensembles
    .filter((e) => tagNum(e, 'N') === Math.max(...ensNs) && tagNum(e, 'p') === Math.max(...ps))
    .map(diversityOf)
    .find((d) => d);
  if (widestEns?.measures.disagreement) {
    const labels = widestEns.memberLabels.map((l, i) => `T${i + 1} ${shortLabel(l)}`);
    kept(
      await plotDiversity(
        fig('diversity'),
        `${g.label}: pairwise disagreement of the ${labels.length} teachers at p = ${Math.max(...ps)}`,
        labels,
        widestEns.measures.disagreement,
      ),
      fig('diversity'),
    );
  }
  md.push(
    `#### Figures (${g.label})`,
    '',
    ...files.map((f) => `![${f.split('/').pop()}](${relative(g.outDir, f)})`),
    '',
  );

  // The thesis table beside ours.
  md.push(
    `#### The thesis' CIFAR-10 table for comparison`,
    '',
    'ResNet50V2 teachers and students on CIFAR-10 (mtkd-method.md §5.1), same layout; absolute values are not comparable with MNIST, the orderings are.',
    '',
  );
  for (const n of ns.filter((x) => THESIS_CIFAR10[x])) {
    md.push(
      `**${n} teachers (thesis)**`,
      '',
      table(
        ['p', 'output_avg', 'loss_avg', 'mimic_all'],
        THESIS_CIFAR10[n]!.map(([p, a, b, c]) => [
          String(p),
          ...[a, b, c].map((x) => `${x.mean.toFixed(2)} (${x.sem.toFixed(2)}), ${x.n}`),
        ]),
      ),
      '',
    );
  }
  return { markdown: md.join('\n'), files, findings };
}

/** Cells of the thesis tables where loss_avg's mean is above output_avg's. */
function thesisLossAhead(): number {
  return Object.values(THESIS_CIFAR10)
    .flat()
    .filter(([, out, loss]) => loss.mean > out.mean).length;
}

function order(mode: string): number {
  const i = (DISTILL_MODES as readonly string[]).indexOf(mode);
  return i < 0 ? 99 : i;
}

function countBy(xs: string[]): string {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].map(([k, v]) => `${k} ${v}`).join(', ');
}

function fmt3(s: Stat | null): string {
  return s ? s.mean.toFixed(3) : '–';
}

function shortLabel(l: string): string {
  const m = /seed=(\d+)/.exec(l);
  return m ? `seed ${m[1]}` : l.slice(0, 12);
}
