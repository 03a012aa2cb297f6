'use client';
import { valueBounds } from '@distillery/domain';
import { useMemo, useState } from 'react';

import { ParallelCoordinates } from '../charts/parallel-coordinates.tsx';
import { leafPaths, readPath } from '../runs/columns.ts';
import { differingKeys, runFacts } from './run-facts.ts';
import type { CompareRun } from './runs-by-ids.ts';

/** Parallel coordinates: every fact (params, subset, seed, …) that varies across the runs → the chosen summary metric. */
export function ParamsParallel({ runs }: { runs: readonly CompareRun[] }) {
  const summaryKeys = useMemo(
    () =>
      [...new Set(runs.flatMap((r) => leafPaths(r.summary)))].filter((k) =>
        runs.some((r) => typeof readPath(r.summary, k) === 'number'),
      ),
    [runs],
  );
  const [metric, setMetric] = useState<string | null>(null);
  const target = metric ?? summaryKeys.find((k) => /test_acc/.test(k)) ?? summaryKeys[0] ?? null;
  const facts = useMemo(() => runs.map(runFacts), [runs]);
  const varying = useMemo(() => differingKeys(facts).slice(0, 12), [facts]);
  const dims = useMemo(() => {
    const scalar = (v: unknown) =>
      typeof v === 'number' || typeof v === 'string' ? v : v === undefined ? null : JSON.stringify(v);
    const d = varying.map((k) => ({
      name: k,
      values: facts.map((f) => scalar(f[k])),
      bounds: valueBounds(k),
    }));
    if (target)
      d.push({
        name: target,
        values: runs.map((r) => scalar(readPath(r.summary, target))),
        bounds: valueBounds(target),
      });
    return d;
  }, [runs, facts, varying, target]);
  if (runs.length < 2) return null;
  return (
    <section className="panel">
      <div className="spread">
        <h2>Params → metric</h2>
        <label className="muted">
          metric{' '}
          <select
            value={target ?? ''}
            onChange={(e) => setMetric(e.target.value)}
            aria-label="Parallel metric"
          >
            {summaryKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
      </div>
      {varying.length === 0 ? (
        <div className="muted">The selected runs have the same params, data, seed and settings.</div>
      ) : (
        <ParallelCoordinates dims={dims} labels={runs.map((r) => r.name)} testId="parallel" />
      )}
    </section>
  );
}
