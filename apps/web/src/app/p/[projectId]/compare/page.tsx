'use client';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useParams, useSearchParams } from 'next/navigation';
import { toAppError } from '@distillery/client';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useState } from 'react';

import { CompareCharts } from '../../../../components/compare/compare-view.tsx';
import { type CompareRun, fetchRunsByIds } from '../../../../components/compare/runs-by-ids.ts';
import { StatusChip } from '../../../../components/runs/status-chip.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { browserClient } from '../../../../lib/graphql/client.ts';

const PREFERRED = ['loss', 'val_loss', 'accuracy', 'val_accuracy'];

// ECharts is large; the parallel-coordinates panel loads after the line charts are on screen.
const ParamsParallel = dynamic(
  () => import('../../../../components/compare/params-parallel.tsx').then((m) => m.ParamsParallel),
  { ssr: false },
);

function Compare() {
  const { projectId } = useParams<{ projectId: string }>();
  const runsParam = useSearchParams().get('runs') ?? '';
  const ids = useMemo(() => runsParam.split(',').filter(Boolean), [runsParam]);
  const [picked, setPicked] = useState<string[] | null>(null);
  // Names and params are decoration: ask for them once the first chart's series are in (or after
  // 1.5 s), so on a busy API the lines are not queued behind a hundred run lookups.
  const [firstDone, setFirstDone] = useState(false);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setWaited(true), 1500);
    return () => clearTimeout(t);
  }, []);
  const metaReady = firstDone || waited;
  const runsQuery = useQuery({
    queryKey: ['RunsByIds', ids],
    queryFn: ({ signal }) => fetchRunsByIds(browserClient(), ids, signal),
    enabled: ids.length > 0 && metaReady,
  });
  const runs: CompareRun[] | null = runsQuery.data ?? null;
  const error = runsQuery.error ? toAppError(runsQuery.error) : undefined;
  const allKeys = useMemo(() => [...new Set((runs ?? []).flatMap((r) => r.metricKeys ?? []))].sort(), [runs]);
  // Until the runs' own keys are known, start on `loss` (the usual first chart): series need only ids.
  const keys =
    picked ??
    (runs === null
      ? PREFERRED.slice(0, 1)
      : allKeys.filter((k) => PREFERRED.includes(k)).length
        ? allKeys.filter((k) => PREFERRED.includes(k))
        : allKeys.slice(0, 4));
  if (ids.length === 0)
    return (
      <div className="empty">
        Select runs in the <Link href={`/p/${projectId}/runs`}>runs table</Link> and press Compare.
      </div>
    );
  return (
    <>
      <div className="spread">
        <h1>Compare {ids.length} runs</h1>
      </div>
      <QueryError error={error} />
      <div className="toolbar">
        <span className="muted">Metrics:</span>
        {allKeys.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={keys.includes(k)}
              onChange={(e) => setPicked(e.target.checked ? [...keys, k] : keys.filter((x) => x !== k))}
            />{' '}
            {k}
          </label>
        ))}
      </div>
      <CompareCharts ids={ids} runs={runs} keys={keys} onFirstComplete={() => setFirstDone(true)} />
      {runs && (
        <>
          <ParamsParallel runs={runs} />
          {runs.length <= 50 && (
            <section className="panel">
              <h2>Runs</h2>
              <table className="data">
                <tbody>
                  {runs.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link href={`/p/${projectId}/runs/${r.id}`}>{r.name}</Link>
                      </td>
                      <td>
                        <StatusChip status={r.status} />
                      </td>
                      <td className="mono muted">{JSON.stringify(r.params)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </>
  );
}

export default function ComparePage() {
  return (
    <Suspense>
      <Compare />
    </Suspense>
  );
}
