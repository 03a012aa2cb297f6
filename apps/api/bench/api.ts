// `npm run bench -- api [--only ingest,live,series,search,soak] [--seconds 300] [--points 200000]`:
// the API's benchmarks against a throwaway database and the API in its own process. JSON lines on
// stdout, prose on stderr.
import { parseArgs } from 'node:util';

import { benchIngest } from './ingest.ts';
import { createBenchDb, say, startBenchApi } from './lib/setup.ts';
import { benchLive } from './live.ts';
import { benchSearch, benchSeries } from './series.ts';
import { benchSoak } from './soak.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'ingest,live,series,search,soak' },
    seconds: { type: 'string', default: '300' },
    points: { type: 'string', default: '200000' },
    subscribers: { type: 'string', default: '500' },
  },
});
const only = new Set(values.only!.split(','));

async function main(): Promise<void> {
  const bench = await createBenchDb();
  const api = await startBenchApi(bench.url);
  say(`bench api: API at ${api.url}, database ${bench.url.replace(/\/\/[^@]*@/, '//')}`);
  try {
    if (only.has('ingest')) await benchIngest(bench, api.url, Number(values.points));
    if (only.has('live')) await benchLive(bench, api.url, Number(values.subscribers), 60);
    if (only.has('series')) await benchSeries(bench, api.url, 1_000_000);
    if (only.has('search')) await benchSearch(bench, api.url, 25_000);
    if (only.has('soak')) await benchSoak(bench, api, Number(values.seconds), 50, Number(values.subscribers));
  } finally {
    await api.stop();
    await bench.drop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench api: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
