// Preloaded into the API process by the security bench (NODE_OPTIONS=--import): every 50 ms it appends
// the largest event-loop delay of the interval and the RSS to BENCH_PROBE_DIR/probe-<pid>.jsonl.
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = process.env.BENCH_PROBE_DIR;
if (dir) {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const file = `${dir}/probe-${process.pid}.jsonl`;
  setInterval(() => {
    const line = { t: Date.now(), maxMs: h.max / 1e6, rssMb: process.memoryUsage.rss() / 1048576 };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    h.reset();
  }, 50).unref();
}
