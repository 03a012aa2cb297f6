// The grid ensembles' tables: every fusion rule by ensemble size N (with the best member and the
// oracle) and the teachers' diversity, plus the Voting README's finding on small ensembles.
import type { RunRecord } from './collect.ts';
import {
  diversityOf,
  levels,
  num,
  offDiagonalMean,
  ruleAccuracies,
  stat,
  tagNum,
  type Stat,
} from './analysis.ts';
import type { Finding } from './grid-section.ts';
import { cell, pct, pp, table } from './markdown.ts';

/** Markdown of the fusion-rule and diversity tables, the finding, and what the fusion figure draws. */
export function ensembleTables(
  label: string,
  ensembles: RunRecord[],
): {
  markdown: string[];
  finding: Finding;
  /** Rules by their mean over all ensembles, best first. */
  ruleOrder: string[];
  ensNs: number[];
  ruleStat: (rule: string, n: number) => Stat | null;
} {
  const md: string[] = [];
  const ensOfN = (n: number) => ensembles.filter((e) => tagNum(e, 'N') === n);
  const rules = [...new Set(ensembles.flatMap((e) => [...ruleAccuracies(e).keys()]))];
  const ruleStat = (rule: string, n: number) =>
    stat(ensOfN(n).map((e) => ruleAccuracies(e).get(rule) ?? Number.NaN));
  const ensNs = levels(ensembles, 'N');
  const overall = rules
    .map((r) => ({ r, s: stat(ensembles.map((e) => ruleAccuracies(e).get(r) ?? Number.NaN)) }))
    .sort((a, b) => (b.s?.mean ?? 0) - (a.s?.mean ?? 0));
  md.push(
    `### Fusion rules (${label})`,
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
  const finding: Finding = {
    claim:
      'for small ensembles summing probabilities beats the ranking rules, and plurality is the worst voting rule (Voting README)',
    held: bordaVsMean && pluralityVsBorda ? bordaVsMean.mean <= 0 && pluralityVsBorda.mean <= 0 : null,
    evidence: `over ${ensembles.length} ensembles of 2–${Math.max(...ensNs)} teachers: borda − mean ${pp(bordaVsMean?.mean ?? Number.NaN)}, plurality − borda ${pp(pluralityVsBorda?.mean ?? Number.NaN)}; mean ranks ${meanRank} of ${overall.length} rules, best: ${overall[0]?.r} (${pct(overall[0]?.s?.mean)})`,
  };

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
    `### Diversity of the teachers (${label})`,
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

  return { markdown: md, finding, ruleOrder: overall.map((o) => o.r), ensNs, ruleStat };
}

function fmt3(s: Stat | null): string {
  return s ? s.mean.toFixed(3) : '–';
}
