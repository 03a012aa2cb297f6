// How long each trained run took to converge (issue 19): epochs run, the epoch of the best validation
// loss and how the run ended, by kind, architecture and p, from the summaries the runner recorded.
import { levels, num, ok, tagNum } from './analysis.ts';
import type { RunRecord } from './collect.ts';
import { table } from './markdown.ts';
import type { Section } from './study-sections.ts';

const range = (xs: number[]) => {
  const f = xs.filter(Number.isFinite);
  if (!f.length) return '–';
  const mean = f.reduce((a, b) => a + b, 0) / f.length;
  return `${mean.toFixed(1)} (${Math.min(...f)}–${Math.max(...f)})`;
};

/** Epochs to convergence of every succeeded teacher, baseline and student of the dataset's studies. */
export function convergenceSection(label: string, runs: RunRecord[]): Section {
  const groups = new Map<string, RunRecord[]>();
  for (const r of runs) {
    if (r.status !== 'SUCCEEDED' || !['teacher', 'baseline', 'student'].includes(r.role)) continue;
    if (r.tags.get('origin')) continue; // cyclic runs train a fixed number of cycles
    const p = r.role === 'teacher' ? ` p = ${tagNum(r, 'p')}` : '';
    const k = `${r.role}|${String(r.params.architectureKey ?? r.summary.architecture)}${p}|${r.study}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const rows = [...groups].map(([k, rs]) => {
    const [role, what, study] = k.split('|');
    const cap = Math.max(...rs.map((r) => Number(r.params.epochs ?? Number.NaN)));
    return [
      `${role} (${study})`,
      what!,
      String(rs.length),
      range(rs.map((r) => num(r, 'epochs'))),
      range(rs.map((r) => num(r, 'best_epoch'))),
      `${rs.filter((r) => r.summary.stop === 'early_stopped').length} of ${rs.length}`,
      `${rs.filter((r) => num(r, 'epochs') >= cap).length} (cap ${Number.isFinite(cap) ? cap : '–'})`,
    ];
  });
  const teachers = ok(runs, 'teacher').filter((r) => !r.tags.get('origin'));
  const md = [
    `### Epochs to convergence (${label})`,
    '',
    `Epochs each run trained, "mean (min–max)", the epoch of its best validation loss (the weights it ended with), how many stopped early and how many reached the epoch cap. ${levels(teachers, 'p').length ? 'Teachers by fraction p; ' : ''}snapshot/FGE runs train a fixed number of cycles and are left out.`,
    '',
    table(
      ['kind (study)', 'architecture', 'runs', 'epochs run', 'best epoch', 'stopped early', 'at the cap'],
      rows,
    ),
    '',
  ];
  return { markdown: md.join('\n'), files: [], findings: [] };
}
