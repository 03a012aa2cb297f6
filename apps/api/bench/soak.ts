import { LogMetricsDocument } from '@distillery/client';

import { benchClient, emit, r2, say, type ApiProcess, type BenchDb } from './lib/setup.ts';
import { subscribe } from './lib/subscribers.ts';

/**
 * Sustained load: `writers` writers (one run each) log 50-point batches every 250 ms while
 * `subscribers` graphql-ws clients (spread over the runs) listen. Afterwards every logged point is read
 * back from the table (lostPoints) and every subscriber's distinct steps are counted (missedLive).
 */
export async function benchSoak(
  bench: BenchDb,
  api: ApiProcess,
  seconds: number,
  writers: number,
  subscribers: number,
): Promise<void> {
  const runIds: string[] = [];
  for (let i = 0; i < writers; i++)
    runIds.push(
      (
        await bench.db.prisma.run.create({
          data: { projectId: bench.projectId, kind: 'BASELINE', name: `soak-${i}`, status: 'RUNNING' },
        })
      ).id,
    );
  let errors = 0;
  const received = Array.from({ length: subscribers }, () => new Set<number>());
  const subs = await subscribe(
    api.url,
    bench.token,
    runIds,
    subscribers,
    (i, _r, steps) => steps.forEach((s) => received[i]!.add(s)),
    () => errors++,
  );
  say(`soak: ${subscribers} subscribers on ${writers} runs; logging for ${seconds} s`);
  const logged = new Map<string, number>(runIds.map((r) => [r, 0]));
  const client = benchClient(api.url, bench);
  const rssStartMb = api.rssMb();
  const end = Date.now() + seconds * 1000;
  let samples = 0;
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(api.rssMb()), 5000);
  await Promise.all(
    runIds.map(async (runId, w) => {
      let step = 0;
      await new Promise((r) => setTimeout(r, (w * 250) / writers));
      while (Date.now() < end) {
        const t = Date.now();
        const p = Array.from({ length: 50 }, (_, i) => ({
          key: 'loss',
          step: step + i,
          value: Math.cos(step + i),
        }));
        try {
          await client.request(LogMetricsDocument, { runId, points: p });
          step += 50;
          logged.set(runId, step);
          samples += 50;
        } catch {
          errors++;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 250 - (Date.now() - t))));
      }
    }),
  );
  clearInterval(sampler);
  await new Promise((r) => setTimeout(r, 3000));
  const rssEndMb = api.rssMb();
  await subs.close();
  let lostPoints = 0;
  for (const [runId, n] of logged) {
    const c = await bench.db.pool.query<{ n: string; d: string }>(
      `SELECT count(*) AS n, count(DISTINCT step) AS d FROM "MetricPoint" WHERE "runId" = $1 AND key = 'loss' AND step < $2`,
      [runId, n],
    );
    lostPoints += n - Number(c.rows[0]!.d);
  }
  let missedLive = 0;
  received.forEach((set, i) => {
    missedLive += (logged.get(runIds[i % runIds.length]!) ?? 0) - set.size;
  });
  say(
    `soak: ${samples} points logged (${Math.round(samples / seconds)}/s); RSS samples ${rss.map((x) => Math.round(x)).join(', ')} MB`,
  );
  emit({
    bench: 'soak',
    seconds,
    writers,
    subscribers,
    pointsLogged: samples,
    errors,
    lostPoints,
    missedLive,
    rssStartMb: r2(rssStartMb),
    rssEndMb: r2(rssEndMb),
    rssMaxMb: r2(Math.max(rssStartMb, rssEndMb, ...rss)),
  });
}
