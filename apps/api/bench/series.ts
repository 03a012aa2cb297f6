import { LogMetricsDocument } from '@distillery/client';
import { gqlData } from '@distillery/testing';

import { benchClient, emit, percentile, r2, say, type BenchDb } from './lib/setup.ts';

const SERIES = `query($r: ID!) { metricSeries(runId: $r, key: "loss", buckets: 1000) { totalPoints points { step min max last count } } }`;
const SEARCH = `query($p: ID!, $f: RunFilter, $o: RunOrder) { runs(projectId: $p, filter: $f, orderBy: $o, first: 50) { totalCount edges { node { id name status summary params tags } } } }`;

/** The floor on this machine right now: an authenticated `{ me { id } }` round trip. */
function trivialQuery(bench: BenchDb, url: string): Promise<number[]> {
  return timeIt(100, () => gqlData(url, `{ me { id } }`, {}, bench.token));
}

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** metricSeries(buckets: 1000) on a 1,000,000-point run, against the same downsampling over raw points. */
export async function benchSeries(bench: BenchDb, url: string, points: number): Promise<void> {
  const runId = (
    await bench.db.prisma.run.create({
      data: { projectId: bench.projectId, kind: 'BASELINE', name: 'series', status: 'RUNNING' },
    })
  ).id;
  const client = benchClient(url, bench);
  const t0 = performance.now();
  for (let b = 0; b < points / 10_000; b++) {
    const p = Array.from({ length: 10_000 }, (_, i) => ({
      key: 'loss',
      step: b * 10_000 + i,
      value: Math.sin((b * 10_000 + i) / 1000),
    }));
    await client.request(LogMetricsDocument, { runId, points: p });
  }
  say(`series: logged ${points} points in ${r2((performance.now() - t0) / 1000)} s`);
  const res = await gqlData<{ metricSeries: { totalPoints: number; points: unknown[] } }>(
    url,
    SERIES,
    { r: runId },
    bench.token,
  );
  if (res.metricSeries.totalPoints !== points || res.metricSeries.points.length > 1000)
    throw new Error(`unexpected series ${res.metricSeries.totalPoints}/${res.metricSeries.points.length}`);
  const api = await timeIt(100, () => gqlData(url, SERIES, { r: runId }, bench.token));
  const bw = Math.ceil(points / 999);
  const raw = await timeIt(10, () =>
    bench.db.pool.query(
      `SELECT max(step), min(value), max(value), (array_agg(value ORDER BY step DESC))[1], count(*) FROM "MetricPoint" WHERE "runId" = $1 AND key = 'loss' GROUP BY step / $2`,
      [runId, bw],
    ),
  );
  const trivial = await trivialQuery(bench, url);
  say(
    `series: metricSeries over HTTP p95 ${r2(percentile(api, 95))} ms; the same buckets straight from the points table (no rollups) p95 ${r2(percentile(raw, 95))} ms; { me { id } } p95 ${r2(percentile(trivial, 95))} ms`,
  );
  emit({
    bench: 'series',
    query: 'metricSeries',
    points,
    buckets: 1000,
    p50Ms: r2(percentile(api, 50)),
    p95Ms: r2(percentile(api, 95)),
    baselineRawSqlP95Ms: r2(percentile(raw, 95)),
    trivialQueryP95Ms: r2(percentile(trivial, 95)),
  });
}

/** runs(filter) over 25,000 runs: kind/status/summary/params/tags with AND/OR, ordered by a summary metric. */
export async function benchSearch(bench: BenchDb, url: string, runs: number): Promise<void> {
  const p = await bench.db.prisma.project.create({ data: { slug: 'bench-search', name: 'Search' } });
  await bench.db.prisma.membership.create({
    data: { projectId: p.id, userId: bench.userId, role: 'VIEWER' },
  });
  await bench.db.pool.query(
    `INSERT INTO "Run" (id, "projectId", kind, status, name, params, summary, tags, "createdAt")
     SELECT gen_random_uuid(), $1, (ARRAY['TEACHER','STUDENT','BASELINE','ENSEMBLE_EVAL']::"RunKind"[])[1 + i % 4],
            (ARRAY['SUCCEEDED','FAILED','RUNNING','QUEUED','SUCCEEDED']::"RunStatus"[])[1 + i % 5], 'run-' || i,
            jsonb_build_object('alpha', (i % 5) / 4.0, 'mode', (ARRAY['OUTPUT_AVG','LOSS_AVG','MIMIC_ALL'])[1 + i % 3], 'teachers', 1 + i % 8, 'opt', jsonb_build_object('lr', 0.001 * (1 + i % 3))),
            jsonb_build_object('test_accuracy', 0.8 + 0.2 * random(), 'nll', random()),
            CASE WHEN i % 7 = 0 THEN ARRAY['mnist','best'] ELSE ARRAY['mnist'] END,
            now() - (i || ' seconds')::interval
     FROM generate_series(1, $2) AS i`,
    [p.id, runs],
  );
  await bench.db.pool.query('ANALYZE "Run"');
  const f = {
    kind: ['STUDENT'],
    status: ['SUCCEEDED'],
    summary: [{ path: 'test_accuracy', op: 'GT', value: 0.9 }],
    or: [
      { tagsAny: ['best'] },
      {
        params: [
          { path: 'mode', op: 'EQ', value: 'MIMIC_ALL' },
          { path: 'alpha', op: 'IN', value: [0.25, 0.5] },
        ],
      },
    ],
  };
  const o = { field: 'SUMMARY', path: 'test_accuracy', direction: 'DESC' };
  const first = await gqlData<{ runs: { totalCount: number } }>(url, SEARCH, { p: p.id, f, o }, bench.token);
  const times = await timeIt(100, () => gqlData(url, SEARCH, { p: p.id, f, o }, bench.token));
  const simple = await timeIt(100, () =>
    gqlData(url, SEARCH, { p: p.id, f: { kind: ['STUDENT'] }, o: null }, bench.token),
  );
  const trivial = await trivialQuery(bench, url);
  say(
    `runs search over ${runs} runs: ${first.runs.totalCount} matches; p95 ${r2(percentile(times, 95))} ms (kind-only filter, newest first: ${r2(percentile(simple, 95))} ms; { me { id } }: ${r2(percentile(trivial, 95))} ms)`,
  );
  emit({
    bench: 'series',
    query: 'runsSearch',
    runs,
    matches: first.runs.totalCount,
    p50Ms: r2(percentile(times, 50)),
    p95Ms: r2(percentile(times, 95)),
    kindOnlyP95Ms: r2(percentile(simple, 95)),
    trivialQueryP95Ms: r2(percentile(trivial, 95)),
  });
}
