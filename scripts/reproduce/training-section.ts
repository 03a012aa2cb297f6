// What the report's runs trained with (issue 22): augmentation and epoch budget per kind of run, read
// from each run's summary (the runner records what actually ran). Runs trained before the switches
// existed carry neither field; they trained on raw images with per-subset epochs.
import type { RunRecord } from './collect.ts';

const TRAINED = ['TEACHER', 'STUDENT', 'BASELINE'];

/** How one run trained, as a phrase (`augmented (jitter + RandAugment 3/7), ORIGINAL budget`). */
export function trainingOf(r: Pick<RunRecord, 'summary'>): string {
  const s = r.summary;
  if (s.augment === undefined && s.epoch_budget === undefined)
    return 'raw images, PER_SUBSET budget (recorded before the switches existed)';
  const aug = s.augment
    ? `augmented (${s.jitter ? 'dataset jitter + ' : ''}RandAugment n=${String(s.rand_augment_n)}, m=${String(s.rand_augment_m)})`
    : 'raw images';
  return `${aug}, ${String(s.epoch_budget)} budget`;
}

/** One sentence per kind of trained run: how many runs trained each way. */
export function trainingLines(runs: readonly RunRecord[]): string[] {
  const lines: string[] = [];
  for (const kind of TRAINED) {
    const counts = new Map<string, number>();
    for (const r of runs.filter((x) => x.kind === kind && x.status === 'SUCCEEDED')) {
      const k = trainingOf(r);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    if (counts.size === 0) continue;
    const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} × ${k}`);
    lines.push(`- ${kind.toLowerCase()}s: ${parts.join('; ')}`);
  }
  return lines.length ? ['Augmentation and epoch budget, as each run recorded them:', '', ...lines] : [];
}
