import { LogMetricsDocument } from '@distillery/client';

import { benchClient, emit, percentile, r2, say, type BenchDb } from './lib/setup.ts';
import { subscribe } from './lib/subscribers.ts';

/**
 * 500 graphql-ws subscribers of one run; small batches are logged every 100 ms. Latency runs from
 * the start of the logMetrics request (so it includes the insert and commit: an upper bound on
 * commit → receipt) to each subscriber's receipt.
 */
export async function benchLive(
  bench: BenchDb,
  url: string,
  subscribers: number,
  messages: number,
): Promise<void> {
  const runId = (
    await bench.db.prisma.run.create({
      data: { projectId: bench.projectId, kind: 'BASELINE', name: 'live', status: 'RUNNING' },
    })
  ).id;
  const sentAt = new Map<number, number>();
  const answeredAt = new Map<number, number>();
  const latencies: number[] = [];
  const receipts: { step: number; at: number }[] = [];
  let errors = 0;
  const subs = await subscribe(
    url,
    bench.token,
    [runId],
    subscribers,
    (_i, _r, steps) => {
      const now = performance.now();
      for (const s of steps) {
        const t = sentAt.get(s);
        if (t !== undefined && s % 10 === 0) {
          latencies.push(now - t);
          receipts.push({ step: s, at: now });
        }
      }
    },
    () => errors++,
  );
  say(`live: ${subscribers} subscribers connected`);
  const responseMs: number[] = [];
  const client = benchClient(url, bench);
  for (let m = 0; m < messages; m++) {
    const points = Array.from({ length: 10 }, (_, i) => ({ key: 'loss', step: m * 10 + i, value: i }));
    const t = performance.now();
    sentAt.set(m * 10, t);
    await client.request(LogMetricsDocument, { runId, points });
    responseMs.push(performance.now() - t);
    answeredAt.set(m * 10, performance.now());
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  await subs.close();
  const expected = subscribers * messages;
  // The response leaves the API right after COMMIT: receipt minus response arrival approximates
  // commit → receipt from below (negative when a subscriber is served before the writer).
  const fromResponse = receipts.map((r) => r.at - (answeredAt.get(r.step) ?? r.at));
  say(
    `live: ${latencies.length}/${expected} deliveries; logMetrics response p50 ${r2(percentile(responseMs, 50))} ms (the part of the latency spent before commit)`,
  );
  emit({
    bench: 'live',
    subscribers,
    messages,
    delivered: latencies.length,
    expected,
    errors,
    p50Ms: r2(percentile(latencies, 50)),
    p99Ms: r2(percentile(latencies, 99)),
    logMetricsResponseP50Ms: r2(percentile(responseMs, 50)),
    fromResponseP50Ms: r2(percentile(fromResponse, 50)),
    fromResponseP99Ms: r2(percentile(fromResponse, 99)),
  });
}
