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
  ok,
  stat,
  statMap,
  studentCells,
  tagNum,
  type Stat,
} from './analysis.ts';
import type { ResultRow, RunRecord } from './collect.ts';
import { modeLabel, plotDiversity, plotFusion, plotVsAlpha, plotVsN, plotVsP } from './figures.ts';
import { ensembleTables } from './ensemble-tables.ts';
import { pairedComparisons } from './paired-comparisons.ts';
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

  const paired = pairedComparisons(g.label, students, baselines, modes);
  md.push(...paired.markdown);
  findings.push(...paired.findings);

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

  const fusion = ensembleTables(g.label, ensembles);
  const { ensNs, ruleStat } = fusion;
  md.push(...fusion.markdown);
  findings.push(fusion.finding);

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
      fusion.ruleOrder,
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

function order(mode: string): number {
  const i = (DISTILL_MODES as readonly string[]).indexOf(mode);
  return i < 0 ? 99 : i;
}

function countBy(xs: string[]): string {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].map(([k, v]) => `${k} ${v}`).join(', ');
}

function shortLabel(l: string): string {
  const m = /seed=(\d+)/.exec(l);
  return m ? `seed ${m[1]}` : l.slice(0, 12);
}
