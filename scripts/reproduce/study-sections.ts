// The smaller studies: ensemble size with weak members (vs the Voting README), snapshot/FGE vs
// independent teachers at equal cost, Hinton's softened KD, ResNet teachers, reproducibility.
import { join } from 'node:path';

import { levels, num, ok, ruleAccuracies, stat, statMap, tagNum, type Stat } from './analysis.ts';
import type { RunRecord } from './collect.ts';
import { plotSize } from './figures.ts';
import type { SnapshotPlan } from './config.ts';
import type { Finding } from './grid-section.ts';
import { cell, pct, pp, table } from './markdown.ts';
import { VOTING_MNIST } from './reference.ts';
import type { ReproLine } from './repro-check.ts';

/** A section's markdown, figures and findings. */
export interface Section {
  markdown: string;
  files: string[];
  findings: Finding[];
}

/** Weak members: accuracy of each rule by ensemble size, beside the Voting README's MNIST table. */
export async function sizeSection(
  label: string,
  slug: string,
  runs: RunRecord[],
  outDir: string,
): Promise<Section> {
  const members = ok(runs, 'teacher');
  const ens = ok(runs, 'ensemble');
  const sizes = levels(ens, 'N');
  const rules = [...new Set(ens.flatMap((e) => [...ruleAccuracies(e).keys()]))];
  const byRule = new Map(
    rules.map((r) => [
      r,
      statMap(sizes, (s) =>
        ens.filter((e) => tagNum(e, 'N') === s).map((e) => ruleAccuracies(e).get(r) ?? Number.NaN),
      ),
    ]),
  );
  const file = join(outDir, 'figures', `${slug}-ensemble-size.png`);
  const drawn = await plotSize(file, `${label}: fusion rules vs ensemble size (weak members)`, byRule, sizes);
  const memberStat = stat(members.map((m) => num(m, 'test_accuracy')));
  const md = [
    `### Ensemble size with weak members (${label})`,
    '',
    `${members.length} \`${members[0]?.params.architectureKey ?? ''}\` members, each trained on its own seeded ${members[0]?.tags.get('p') ?? ''} fraction of the training split (member accuracy ${cell(memberStat)}), fused in seeded draws of each size; test accuracy %, "mean (SEM), n draws". Beside it the Voting repository's MNIST table (small MLPs on small fractions).`,
    '',
    table(
      ['size', ...rules],
      sizes.map((s) => [String(s), ...rules.map((r) => cell(byRule.get(r)?.get(s)))]),
    ),
    '',
    '**Voting README, MNIST (for comparison)**',
    '',
    table(
      ['size', 'plurality', 'borda', 'stv', 'copeland', 'softmax sum (mean)'],
      VOTING_MNIST.map((v) => [
        String(v.size),
        ...[v.plurality, v.borda, v.stv, v.copeland, v.mean].map((x) => x.toFixed(1)),
      ]),
    ),
    '',
    drawn ? `![ensemble size](figures/${slug}-ensemble-size.png)` : '',
    '',
  ];
  const gap = (s: number) =>
    (byRule.get('borda')?.get(s)?.mean ?? Number.NaN) - (byRule.get('mean')?.get(s)?.mean ?? Number.NaN);
  const multi = sizes.filter((s) => s > 1);
  const largest = multi.at(-1);
  const small = sizes.filter((s) => s > 1 && s <= 5);
  const findings: Finding[] = [
    {
      claim:
        'Borda matches probability averaging (within 0.5 pp) once the ensemble has more than about 20 members (Voting README: 69.8 vs 69.7 % at 25, 71.5 vs 71.1 % at 55)',
      held:
        largest !== undefined && largest > 20
          ? Math.abs(gap(largest)) <= 0.005 && Math.abs(gap(largest)) < Math.abs(gap(multi[0]!))
          : null,
      evidence: sizes
        .filter((s) => s > 1)
        .map((s) => `${s}: borda − mean ${pp(gap(s))}`)
        .join('; '),
    },
    {
      claim: 'plurality is the worst rule at every size (Voting README)',
      held: sizes
        .filter((s) => s > 1)
        .every((s) =>
          rules.every(
            (r) => (byRule.get(r)?.get(s)?.mean ?? 1) >= (byRule.get('plurality')?.get(s)?.mean ?? 0),
          ),
        ),
      evidence: sizes
        .filter((s) => s > 1)
        .map(
          (s) =>
            `${s}: plurality ${pct(byRule.get('plurality')?.get(s)?.mean)}, worst ${bestRule(byRule, s, -1)}, best ${bestRule(byRule, s)}`,
        )
        .join('; '),
    },
    {
      claim:
        'with few members summing probabilities beats every ranking rule (Voting README: 62.7 % vs Borda 61.1 % at 5)',
      held: small.length
        ? small.every((s) =>
            rules.every(
              (r) => (byRule.get(r)?.get(s)?.mean ?? 0) <= (byRule.get('mean')?.get(s)?.mean ?? 0) + 1e-12,
            ),
          )
        : null,
      evidence: small
        .map((s) => `${s}: mean ${pct(byRule.get('mean')?.get(s)?.mean)}, best ${bestRule(byRule, s)}`)
        .join('; '),
    },
  ];
  return { markdown: md.join('\n'), files: drawn ? [file] : [], findings };
}

function bestRule(byRule: Map<string, Map<number, Stat>>, size: number, sign = 1): string {
  const best = [...byRule]
    .flatMap(([r, m]) => (m.get(size) ? [{ r, v: m.get(size)!.mean }] : []))
    .sort((a, b) => sign * (b.v - a.v))[0];
  return best ? `${best.r} ${pct(best.v)}` : '–';
}

/** Snapshot and FGE checkpoints of one run against independent teachers of the same total epochs. */
export function snapshotSection(
  label: string,
  runs: RunRecord[],
  plan: SnapshotPlan,
  independentEpochs: number,
): Section {
  const ens = ok(runs, 'ensemble');
  const origins = ['INDEPENDENT', 'SNAPSHOT', 'FGE'].filter((o) =>
    ens.some((e) => e.tags.get('origin') === o),
  );
  const ns = levels(ens, 'N');
  const at = (o: string, n: number, rule: string) =>
    stat(
      ens
        .filter((e) => e.tags.get('origin') === o && tagNum(e, 'N') === n)
        .map((e) => ruleAccuracies(e).get(rule) ?? Number.NaN),
    );
  // `matched` runs carry the epochs per cycle they were given (the independent teachers' mean stop).
  const perCycle =
    plan.epochsPerCycle === 'matched'
      ? Number(ok(runs, 'teacher')[0]?.tags.get('epochs_per_cycle') ?? Number.NaN)
      : plan.epochsPerCycle;
  const equal = Math.abs(perCycle - independentEpochs) <= 0.5;
  const md = [
    `### Snapshot and FGE ensembles versus independent teachers (${label})`,
    '',
    `Each snapshot/FGE teacher is one run of ${plan.cycles} × ${perCycle} epochs on the whole training split that keeps one checkpoint per cycle (snapshot: cosine restarts; FGE: the first half at the base rate, then triangular cycles). The independent teachers are the grid's p = 1 teachers, ${Number.isInteger(independentEpochs) ? independentEpochs : independentEpochs.toFixed(1)} epoch(s) each${plan.epochsPerCycle === 'matched' ? ' on average (run to their early stop)' : ''}, so N checkpoints ${equal ? 'cost the same as' : 'do not cost the same as'} N independent teachers. The last N cycles are fused. Mean-rule test accuracy %, "mean (SEM), n" (n = seeds).`,
    '',
    table(
      ['N', ...origins.map((o) => o.toLowerCase())],
      ns.map((n) => [String(n), ...origins.map((o) => cell(at(o, n, 'mean')))]),
    ),
    '',
  ];
  const findings: Finding[] = origins
    .filter((o) => o !== 'INDEPENDENT')
    .map((o) => {
      // Compare at the largest N both kinds reached.
      const nMax = Math.max(...ns.filter((n) => at(o, n, 'mean') && at('INDEPENDENT', n, 'mean')));
      const ind = at('INDEPENDENT', nMax, 'mean')?.mean ?? Number.NaN;
      return {
        claim: `${o.toLowerCase()} checkpoints of one run make an ensemble as good as independently trained teachers at equal training cost`,
        held: Number.isFinite(ind) ? (at(o, nMax, 'mean')?.mean ?? 0) >= ind : null,
        evidence: `N=${nMax}: ${o.toLowerCase()} ${pct(at(o, nMax, 'mean')?.mean)} vs independent ${pct(ind)} (${pp((at(o, nMax, 'mean')?.mean ?? Number.NaN) - ind)})`,
      };
    });
  return { markdown: md.join('\n'), files: [], findings };
}

/** mimic_all with Hinton's T² softened KD against the original (T = 1, no T²) on the same draws. */
export function hintonSection(label: string, hinton: RunRecord[], grid: RunRecord[]): Section {
  const h = ok(hinton, 'student');
  const g = ok(grid, 'student').filter((s) => s.params.mode === 'MIMIC_ALL');
  const ns = levels(h, 'N');
  const t = h[0]?.params.temperature;
  const pairs = h.flatMap((s) => {
    const o = g.find(
      (x) =>
        tagNum(x, 'p') === tagNum(s, 'p') &&
        tagNum(x, 'N') === tagNum(s, 'N') &&
        tagNum(x, 'rep') === tagNum(s, 'rep'),
    );
    return o ? [num(s, 'test_accuracy') - num(o, 'test_accuracy')] : [];
  });
  const d = stat(pairs);
  const md = [
    `### Temperature: Hinton's softened KD on mimic_all (${label})`,
    '',
    `The original never applies its temperature (effectively T = 1, §4.1). Here mimic_all is re-run at p = 1 with KD at T = ${String(t)} multiplied by T², on the same teacher draws, seeds and α. Test accuracy %, "mean (SEM), n".`,
    '',
    table(
      ['N', 'as original (T = 1)', `Hinton (T = ${String(t)})`],
      ns.map((n) => [
        String(n),
        cell(
          stat(
            g
              .filter((s) => tagNum(s, 'N') === n && tagNum(s, 'p') === Math.max(...levels(h, 'p')))
              .map((s) => num(s, 'test_accuracy')),
          ),
        ),
        cell(stat(h.filter((s) => tagNum(s, 'N') === n).map((s) => num(s, 'test_accuracy')))),
      ]),
    ),
    '',
  ];
  return {
    markdown: md.join('\n'),
    files: [],
    findings: [
      {
        claim: `softening at T = ${String(t)} (Hinton) helps mimic_all over the original's T = 1`,
        held: d ? d.mean > 0 : null,
        evidence: `paired difference ${pp(d?.mean ?? Number.NaN)} (SEM ${pct(d?.sem ?? Number.NaN)} pp, n = ${d?.n ?? 0})`,
      },
    ],
  };
}

/** ResNet teachers and their ensembles. */
export function resnetSection(label: string, runs: RunRecord[]): Section {
  const teachers = ok(runs, 'teacher');
  const ens = ok(runs, 'ensemble');
  const ps = levels(teachers, 'p');
  const arch = String(teachers[0]?.params.architectureKey ?? 'resnet');
  const rows = ps.map((p) => {
    const e = ens.filter((x) => tagNum(x, 'p') === p).sort((a, b) => tagNum(b, 'N') - tagNum(a, 'N'))[0];
    const acc = e ? ruleAccuracies(e) : new Map<string, number>();
    return [
      String(p),
      cell(stat(teachers.filter((t) => tagNum(t, 'p') === p).map((t) => num(t, 'test_accuracy')))),
      e ? String(tagNum(e, 'N')) : '–',
      pct(acc.get('mean')),
      pct(acc.get('borda')),
      pct(acc.get('plurality')),
      pct(acc.get('stacking')),
    ];
  });
  const all = stat(teachers.map((t) => num(t, 'test_accuracy')));
  const classes = 10;
  // Near 1/C the teachers learned nothing: fusing them says nothing about the method.
  const atChance = all !== null && all.mean < 2 / classes;
  const steps = teachers.map((t) => Math.floor(num(t, 'train_samples') / 128) * num(t, 'epochs'));
  const md = [
    `### ${arch} teachers (${label})`,
    '',
    `Teacher test accuracy %, and the largest ensemble of each fraction (its first N teachers) under four rules. ${atChance ? `**These teachers stayed at chance level** (${cell(all)} for ${classes} classes after ${Math.min(...steps)}–${Math.max(...steps)} optimiser steps): ${arch} trained at ${(stat(teachers.map((t) => num(t, 'samples_per_sec')))?.mean ?? Number.NaN).toFixed(0)} samples/s per job on this CPU (the \`test\` CNN: hundreds to thousands), so its budget here was one epoch; the remaining ${arch} runs were cancelled rather than spend the machine on more chance-level models (listed at the end).` : ''}`,
    '',
    table(['p', 'teachers', 'N', 'mean', 'borda', 'plurality', 'stacking'], rows),
    '',
  ];
  const gains = ens.map(
    (e) => (ruleAccuracies(e).get('mean') ?? Number.NaN) - num(e, 'best_member_accuracy'),
  );
  const g = stat(gains);
  return {
    markdown: md.join('\n'),
    files: [],
    findings: [
      {
        claim: `an ensemble of ${arch} teachers beats its best member`,
        held: g && !atChance ? gains.every((x) => x > 0) : null,
        evidence: atChance
          ? `not measurable: the teachers are at chance (${cell(all)})`
          : `mean-rule minus best member over ${gains.length} ensembles: ${pp(g?.mean ?? Number.NaN)} (min ${pp(Math.min(...gains))})`,
      },
    ],
  };
}

/** The reproducibility table. */
export function reproSection(label: string, lines: ReproLine[]): Section {
  const all = lines.length > 0 && lines.every((l) => l.identical);
  const md = [
    `### Reproducibility (${label})`,
    '',
    "A second split with the same seed, the same subset, teacher and student re-run with the same seeds on the same CPU backend, compared with the grid's originals through the API.",
    '',
    table(
      ['quantity', 'original', 're-run', 'identical'],
      lines.map((l) => [l.what, `\`${l.original}\``, `\`${l.rerun}\``, l.identical ? 'yes' : '**no**']),
    ),
    '',
  ];
  return {
    markdown: md.join('\n'),
    files: [],
    findings: [
      {
        claim:
          'a teacher and a student re-run with the same seed reproduce their subset, metrics and predictions bit for bit (CPU backend)',
        held: lines.length ? all : null,
        evidence: `${lines.filter((l) => l.identical).length} of ${lines.length} compared quantities identical`,
      },
    ],
  };
}
