/** One metric of one run as columns, sorted by step: bucket min/max/last from the API plus live points. */
export interface SeriesCols {
  steps: number[];
  min: number[];
  max: number[];
  last: number[];
}

/** Build columns from the API's downsampled buckets. */
export function fromBuckets(
  points: readonly { step: number; min: number; max: number; last: number }[],
): SeriesCols {
  const out: SeriesCols = { steps: [], min: [], max: [], last: [] };
  for (const p of points) {
    out.steps.push(p.step);
    out.min.push(p.min);
    out.max.push(p.max);
    out.last.push(p.last);
  }
  return out;
}

/**
 * Merge raw points into a series (copy-on-write). A step already present is overwritten, because
 * logMetrics is idempotent on (run, key, step) and a backfill may resend what we have.
 */
export function mergePoints(
  s: SeriesCols | undefined,
  points: readonly { step: number; value: number }[],
): SeriesCols {
  const out: SeriesCols = s
    ? { steps: s.steps.slice(), min: s.min.slice(), max: s.max.slice(), last: s.last.slice() }
    : { steps: [], min: [], max: [], last: [] };
  for (const { step, value } of points) {
    const n = out.steps.length;
    if (n === 0 || step > out.steps[n - 1]!) {
      out.steps.push(step);
      out.min.push(value);
      out.max.push(value);
      out.last.push(value);
      continue;
    }
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (out.steps[mid]! < step) lo = mid + 1;
      else hi = mid;
    }
    if (out.steps[lo] === step) {
      out.last[lo] = value;
      out.min[lo] = Math.min(out.min[lo]!, value);
      out.max[lo] = Math.max(out.max[lo]!, value);
    } else {
      out.steps.splice(lo, 0, step);
      out.min.splice(lo, 0, value);
      out.max.splice(lo, 0, value);
      out.last.splice(lo, 0, value);
    }
  }
  return out;
}

/** Chart groups: `loss`, `epoch_loss`, `val_loss` and `train_loss` share a chart named `loss` (the runner's names). */
export function groupKeys(keys: readonly string[]): { title: string; keys: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const k of [...keys].sort()) {
    const base = k
      .replace(/^(train|val|valid|validation|test|epoch)[_/]/, '')
      .replace(/[_/](train|val|test)$/, '');
    groups.set(base, [...(groups.get(base) ?? []), k]);
  }
  return [...groups.entries()].map(([title, ks]) => ({ title, keys: ks }));
}

/** Map steps to epochs using a logged `epoch` metric (step-wise constant, last known epoch). */
export function stepsToEpochs(steps: readonly number[], epoch: SeriesCols | undefined): number[] | null {
  if (!epoch || epoch.steps.length === 0) return null;
  let j = 0;
  return steps.map((s) => {
    while (j + 1 < epoch.steps.length && epoch.steps[j + 1]! <= s) j++;
    return epoch.last[j]!;
  });
}
