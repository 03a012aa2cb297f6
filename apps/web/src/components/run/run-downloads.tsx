'use client';
import { browserClient } from '../../lib/graphql/client.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import { RunArtifactsDocument, RunMetricPointsDocument } from '../../graphql/generated/graphql.ts';
import { CsvButton } from '../csv/csv-button.tsx';
import { type CsvFile, fileSafe, toCsv } from '../csv/csv-file.ts';
import { QueryError } from '../shell/query-error.tsx';

/** Points one metricPoints page holds, and the most a file holds (a run logs far fewer). */
const PAGE = 5_000;
export const METRIC_CSV_MAX_POINTS = 1_000_000;

/** "1.4 MB": a size in the units a person reads (powers of 1,000, as file managers show). */
function bytes(n: number): string {
  if (n < 1_000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1_000;
  let u = 0;
  while (v >= 1_000 && u < units.length - 1) {
    v /= 1_000;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/** Every logged point of a run (key, step, value, wall time), exact, by key then step. */
async function metricHistoryCsv(runId: string, runName: string): Promise<CsvFile> {
  const rows: [string, number, number, string][] = [];
  let after: string | undefined;
  do {
    const { metricPoints } = await browserClient().send(RunMetricPointsDocument, {
      runId,
      first: PAGE,
      after,
    });
    for (const p of metricPoints.points) rows.push([p.key, p.step, p.value, p.wallTime]);
    after = metricPoints.endCursor ?? undefined;
  } while (after && rows.length < METRIC_CSV_MAX_POINTS);
  const keys = new Set(rows.map((r) => r[0])).size;
  return {
    name: `metrics-${fileSafe(runName)}-${runId.slice(0, 8)}.csv`,
    text: toCsv(['key', 'step', 'value', 'wall_time'], rows),
    note: `${rows.length.toLocaleString()} points of ${keys} key${keys === 1 ? '' : 's'}${after ? ' (the first 1,000,000)' : ''}`,
  };
}

/** Same-origin link to an artifact's file (the dashboard forwards the session's token to the API). */
export function artifactHref(artifactId: string, path: string): string {
  return `/downloads/${artifactId}/${encodeURIComponent(path)}`;
}

/**
 * What a run leaves to take away: its whole metric history as CSV, and its artifacts (checkpoints,
 * exported models, predictions…) with their size, checksum and a download link per file.
 */
export function RunDownloads({
  runId,
  runName,
  hasMetrics,
}: {
  runId: string;
  runName: string;
  hasMetrics: boolean;
}) {
  const q = useGqlQuery(RunArtifactsDocument, { id: runId });
  const artifacts = q.data?.run?.artifacts ?? [];
  return (
    <section className="panel" data-testid="run-downloads">
      <div className="spread">
        <h3>Downloads</h3>
        <div className="toolbar">
          <CsvButton
            label="Metric history (CSV)"
            disabled={!hasMetrics}
            testId="metric-history-csv"
            file={() => metricHistoryCsv(runId, runName)}
          />
        </div>
      </div>
      <QueryError error={q.error} onRetry={() => void q.refetch()} />
      {artifacts.length === 0 ? (
        <div className="muted">{q.loading ? 'Loading…' : 'This run stored no artifacts.'}</div>
      ) : (
        <table className="data" data-testid="artifact-table">
          <thead>
            <tr>
              <th>kind</th>
              <th>file</th>
              <th className="num">size</th>
              <th>sha256</th>
            </tr>
          </thead>
          <tbody>
            {artifacts.map((a) =>
              a.files.map((f, i) => (
                <tr key={`${a.id}/${f.path}`} data-artifact={a.id} data-kind={a.kind}>
                  <td title={`saved ${new Date(a.createdAt).toLocaleString()}`}>
                    {i === 0 ? a.kind.toLowerCase().replace('_', ' ') : ''}
                  </td>
                  <td>
                    <a href={artifactHref(a.id, f.path)} download={f.path} title={`${a.name}: ${f.path}`}>
                      {f.path}
                    </a>
                  </td>
                  <td className="num" title={`${f.sizeBytes.toLocaleString()} bytes`}>
                    {bytes(f.sizeBytes)}
                  </td>
                  <td className="mono muted" title={f.sha256}>
                    {f.sha256.slice(0, 10)}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
