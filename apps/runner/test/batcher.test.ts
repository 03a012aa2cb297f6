// The batcher against a sink that records what reached it (the sink is the seam to the API; the
// batcher's own timing, ordering and retry rules are what is under test).
import { describe, expect, it } from 'vitest';

import { FencedError } from '@distillery/db/lifecycle';
import { badInput } from '@distillery/errors';
import { MetricBatcher } from '../src/metrics/batcher.ts';
import type { MetricPoint, MetricSink } from '../src/metrics/types.ts';

const lease = { runId: 'r', attempt: 1, runnerId: 'x', projectId: 'p' };
const point = (step: number): MetricPoint => ({
  key: 'loss',
  step,
  value: 1 / (step + 1),
  wallTime: Date.now(),
});

class RecordingSink implements MetricSink {
  batches: number[][] = [];
  failures: Error[] = [];
  async write(_l: typeof lease, points: MetricPoint[]): Promise<void> {
    const e = this.failures.shift();
    if (e) throw e;
    this.batches.push(points.map((p) => p.step));
  }
}

describe('MetricBatcher', () => {
  it('sends queued points within the flush interval without being asked', async () => {
    const sink = new RecordingSink();
    const b = new MetricBatcher(sink, lease, { flushMs: 50, maxBatch: 100 });
    b.add([point(1), point(2)]);
    expect(sink.batches).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
    expect(sink.batches).toEqual([[1, 2]]);
  });

  it('splits at maxBatch and keeps order', async () => {
    const sink = new RecordingSink();
    const b = new MetricBatcher(sink, lease, { flushMs: 10_000, maxBatch: 3 });
    b.add([1, 2, 3, 4, 5, 6, 7].map(point));
    await b.flush();
    expect(sink.batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...sink.batches.map((x) => x.length))).toBeLessThanOrEqual(3);
  });

  it('retries a transient sink error and loses nothing', async () => {
    const sink = new RecordingSink();
    sink.failures.push(new Error('ECONNRESET'), new Error('HTTP 502'));
    const b = new MetricBatcher(sink, lease, { flushMs: 10_000, maxBatch: 100, retryForMs: 5_000 });
    b.add([point(1), point(2)]);
    await b.flush();
    expect(sink.batches).toEqual([[1, 2]]);
  });

  it('keeps points for the next flush when the sink stays down, and gives up for good once fenced', async () => {
    const sink = new RecordingSink();
    sink.failures.push(new Error('down'), new Error('down'));
    const b = new MetricBatcher(sink, lease, { flushMs: 10_000, maxBatch: 100, retryForMs: 300 });
    b.add([point(1)]);
    await expect(b.flush()).rejects.toThrow('down');
    b.add([point(2)]);
    await b.flush();
    expect(sink.batches).toEqual([[1, 2]]);

    sink.failures.push(new FencedError(lease.runId));
    b.add([point(3)]);
    await expect(b.flush()).rejects.toBeInstanceOf(FencedError);
    b.add([point(4)]);
    await expect(b.flush()).rejects.toBeInstanceOf(FencedError);
    expect(sink.batches.flat()).toEqual([1, 2]);
  });

  it('drops a batch the lifecycle refused (nothing of it was written) without retrying it', async () => {
    const sink = new RecordingSink();
    sink.failures.push(badInput('points[0].value', NaN, 'must be finite'));
    const b = new MetricBatcher(sink, lease, { flushMs: 10_000, maxBatch: 100, retryForMs: 60_000 });
    b.add([point(1)]);
    const started = Date.now();
    await expect(b.flush()).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(Date.now() - started).toBeLessThan(1000);
    b.add([point(2)]);
    await b.flush();
    expect(sink.batches).toEqual([[2]]);
  });
});
