'use client';
import dynamic from 'next/dynamic';
import { usePathname, useParams, useRouter, useSearchParams } from 'next/navigation';
import { toAppError } from '@distillery/client';
import { useQuery } from '@tanstack/react-query';
import { Suspense, useEffect, useMemo, useState } from 'react';

import '../../../../components/compare/compare.css';
import type { BandKind } from '../../../../components/compare/aggregate.ts';
import { CompareCharts, type Grouping } from '../../../../components/compare/compare-view.tsx';
import { GroupControls } from '../../../../components/compare/group-controls.tsx';
import { groupByFact } from '../../../../components/compare/group-by-fact.ts';
import { ComparisonTable } from '../../../../components/compare/comparison-table.tsx';
import { fetchFinalMetrics } from '../../../../components/compare/final-metrics.ts';
import { type CompareRun, fetchRunsByIds } from '../../../../components/compare/runs-by-ids.ts';
import { useProject } from '../../../../components/shell/project-context.tsx';
import { QueryError } from '../../../../components/shell/query-error.tsx';
import { RunsMetricKeysDocument } from '../../../../graphql/generated/graphql.ts';
import { browserClient } from '../../../../lib/graphql/client.ts';
import { useGqlQuery } from '../../../../lib/graphql/hooks.ts';
import { PageLink } from '../../../../components/shell/page-link.tsx';

// val_agreement: students' agreement with their teachers' ensemble per epoch (distill-student logs it).
const PREFERRED = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'val_agreement'];
// Up to this many runs the comparison table is shown (a column per run); beyond, the runs table is the table.
const TABLE_RUNS = 50;
// Metric keys cost the API a query per run; the first few runs tell which charts to draw, and the
// metric picker offers their union (runs of one comparison log the same keys).
const KEYED_RUNS = 8;

// ECharts is large; the parallel-coordinates panel loads after the line charts are on screen.
const ParamsParallel = dynamic(
  () => import('../../../../components/compare/params-parallel.tsx').then((m) => m.ParamsParallel),
  { ssr: false },
);
const DistillationPanel = dynamic(
  () => import('../../../../components/compare/distillation-panel.tsx').then((m) => m.DistillationPanel),
  { ssr: false },
);

function Compare() {
  // Links keep the URL's own project reference (a slug stays a slug); the API gets the UUID.
  const { projectId } = useParams<{ projectId: string }>();
  const { id: projectUuid } = useProject();
  const query = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const runsParam = query.get('runs') ?? '';
  const ids = useMemo(() => runsParam.split(',').filter(Boolean), [runsParam]);
  // `group=<key>` (the runs table links with it) draws a mean line and band per group; `band=minmax`
  // swaps the ±SEM band for the groups' min/max. Both live in the URL, so Back and links keep them.
  const groupKey = query.get('group') || null;
  const band: BandKind = query.get('band') === 'minmax' ? 'minmax' : 'sem';
  const setQuery = (name: string, value: string | null) => {
    const next = new URLSearchParams(query.toString());
    if (value) next.set(name, value);
    else next.delete(name);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const [picked, setPicked] = useState<string[] | null>(null);
  // Names and params are decoration: ask for them once the first chart's series are in (or after
  // 1.5 s), so on a busy API the lines are not queued behind them.
  const [firstDone, setFirstDone] = useState(false);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setWaited(true), 1500);
    return () => clearTimeout(t);
  }, []);
  // Grouped curves need the runs' facts before anything is drawn: ask at once (one request, beside
  // the series'; the metric keys, which grouping does not need, come in another).
  const metaReady = firstDone || waited || groupKey !== null;
  const runsQuery = useQuery({
    queryKey: ['RunsByIds', projectUuid, ids],
    queryFn: ({ signal }) => fetchRunsByIds(browserClient(), projectUuid, ids, signal),
    enabled: ids.length > 0 && metaReady,
  });
  const runs: CompareRun[] | null = runsQuery.data ?? null;
  const keysQuery = useGqlQuery(
    RunsMetricKeysDocument,
    { projectId: projectUuid, ids: ids.slice(0, KEYED_RUNS) },
    // Even grouped, the first chart needs no keys (it is `loss`): they wait for it, off its path.
    { skip: ids.length === 0 || !(firstDone || waited) },
  );
  const keyed = keysQuery.data?.runs.edges;
  const allKeys = useMemo(
    () => (keyed ? [...new Set(keyed.flatMap((e) => e.node.metricKeys))].sort() : null),
    [keyed],
  );
  // Final and best values of every key: asked for once the runs' keys are known.
  const finalQuery = useQuery({
    queryKey: ['FinalMetrics', ids, allKeys],
    queryFn: ({ signal }) => fetchFinalMetrics(browserClient(), ids, allKeys ?? [], signal),
    enabled: runs !== null && allKeys !== null && ids.length <= TABLE_RUNS,
  });
  const grouping = useMemo<Grouping | null>(
    () => (groupKey ? { key: groupKey, band, groups: runs ? groupByFact(runs, groupKey) : null } : null),
    [groupKey, band, runs],
  );
  const failed = runsQuery.error ?? finalQuery.error;
  const error = failed ? toAppError(failed) : keysQuery.error;
  // Until the runs' own keys are known, start on `loss` (the usual first chart): series need only ids.
  const keys =
    picked ??
    (allKeys === null
      ? PREFERRED.slice(0, 1)
      : allKeys.filter((k) => PREFERRED.includes(k)).length
        ? allKeys.filter((k) => PREFERRED.includes(k))
        : allKeys.slice(0, 4));
  if (ids.length === 0)
    return (
      <div className="empty">
        Select runs in the <PageLink href={`/p/${projectId}/runs`}>runs table</PageLink> and press Compare.
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
        {(allKeys ?? []).map((k) => (
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
      <CompareCharts
        ids={ids}
        runs={runs}
        keys={keys}
        epochAvailable={allKeys?.includes('epoch') ?? false}
        grouping={grouping}
        onFirstComplete={() => setFirstDone(true)}
        controls={
          <GroupControls
            runs={runs}
            groupKey={groupKey}
            band={band}
            onGroup={(k) => setQuery('group', k)}
            onBand={(b) => setQuery('band', b === 'sem' ? null : b)}
          />
        }
      />
      {runs && (
        <>
          {runs.length <= TABLE_RUNS && (
            <ComparisonTable
              projectId={projectId}
              runs={runs}
              metrics={finalQuery.data ?? null}
              metricKeys={allKeys ?? []}
            />
          )}
          <ParamsParallel runs={runs} />
          {runs.some((r) => r.kind === 'STUDENT') && <DistillationPanel />}
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
