import { from as copyFrom } from 'pg-copy-streams';

import { LogMetricsDocument, type MetricPoint } from '@distillery/client';

import { benchClient, emit, percentile, r2, say, type BenchDb } from './lib/setup.ts';

/** Prepared batches: `batches` batches of `size` points for one run, steps continuing. */
function batchesOf(size: number, batches: number): MetricPoint[][] {
  return Array.from({ length: batches }, (_, b) =>
    Array.from({ length: size }, (_, i) => ({
      key: 'loss',
      step: b * size + i,
      value: Math.sin(b * size + i),
    })),
  );
}

async function newRuns(bench: BenchDb, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      (
        await bench.db.prisma.run.create({
          data: { projectId: bench.projectId, kind: 'BASELINE', name: `ingest-${i}`, status: 'RUNNING' },
        })
      ).id,
    );
  return ids;
}

/** Raw COPY of the same points into the same table (one COPY per batch per writer): the baseline. */
async function copyRate(bench: BenchDb, size: number, batches: number, writers: number): Promise<number> {
  const runs = await newRuns(bench, writers);
  const t0 = performance.now();
  await Promise.all(
    runs.map(async (runId) => {
      const client = await bench.db.pool.connect();
      try {
        for (let b = 0; b < batches; b++) {
          const lines: string[] = [];
          const wall = new Date().toISOString();
          for (let i = 0; i < size; i++)
            lines.push(`${runId}\tloss\t${b * size + i}\t${Math.sin(b * size + i)}\t${wall}\n`);
          await new Promise<void>((resolve, reject) => {
            const stream = client.query(
              copyFrom(`COPY "MetricPoint" ("runId", key, step, value, "wallTime") FROM STDIN`),
            );
            stream.on('finish', () => resolve());
            stream.on('error', reject);
            stream.end(lines.join(''));
          });
        }
      } finally {
        client.release();
      }
    }),
  );
  return (size * batches * writers) / ((performance.now() - t0) / 1000);
}

/** logMetrics over HTTP with `writers` concurrent writers (one run each), against raw COPY measured now. */
export async function benchIngest(bench: BenchDb, url: string, points: number): Promise<void> {
  for (const size of [1000, 10_000]) {
    for (const writers of [1, 8]) {
      const batches = Math.max(2, Math.round(points / size / writers));
      const runs = await newRuns(bench, writers);
      const client = benchClient(url, bench);
      const prepared = runs.map((runId) => ({ runId, list: batchesOf(size, batches) }));
      const latencies: number[] = [];
      const t0 = performance.now();
      // The client serialises each batch inside the timed loop, as every real caller's does.
      await Promise.all(
        prepared.map(async ({ runId, list }) => {
          for (const points of list) {
            const s = performance.now();
            await client.request(LogMetricsDocument, { runId, points });
            latencies.push(performance.now() - s);
          }
        }),
      );
      const rate = (size * batches * writers) / ((performance.now() - t0) / 1000);
      const copy = await copyRate(bench, size, batches, writers);
      say(
        `ingest batch=${size} writers=${writers}: ${Math.round(rate)} points/s via logMetrics, ${Math.round(copy)} via COPY; call p50 ${r2(percentile(latencies, 50))} ms`,
      );
      emit({
        bench: 'ingest',
        batch: size,
        writers,
        pointsPerSec: Math.round(rate),
        copyPointsPerSec: Math.round(copy),
        ratioToCopy: r2(rate / copy),
        callP50Ms: r2(percentile(latencies, 50)),
      });
    }
  }
}
