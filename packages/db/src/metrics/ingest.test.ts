import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFullGraph, createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { NOTIFY_LIMIT, type MetricPoint } from '@distillery/domain';
import { ingestMetricPoints, metricsNotice, pgQuery, prismaQuery, ROLLUP_SHIFTS } from './ingest.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

type Cell = {
  shift: number;
  cell: number;
  count: number;
  minValue: number;
  maxValue: number;
  lastStep: number;
  lastValue: number;
};
const cells = (runId: string, key: string) =>
  db.pool
    .query<Cell>(
      `SELECT shift, cell::int, count::int, "minValue", "maxValue", "lastStep", "lastValue" FROM "MetricRollup" WHERE "runId" = $1 AND key = $2 ORDER BY shift, cell`,
      [runId, key],
    )
    .then((r) => r.rows);

describe('ingestMetricPoints', () => {
  it('upserts points on (run, key, step) and keeps rollup counts exact when a batch is retried (pg client)', async () => {
    const g = await createFullGraph(db.prisma, 'ingest-pg');
    const wall = Date.parse('2026-01-02T03:04:05.678Z');
    const batch: MetricPoint[] = [0, 63, 64, 5000].map((step, i) => ({
      key: 'ingest/loss',
      step,
      value: 10 - i,
      wallTime: wall + i,
    }));
    expect(await ingestMetricPoints(pgQuery(db.pool), g.teacherRunId, batch)).toBe(batch.length);
    const first = await cells(g.teacherRunId, 'ingest/loss');
    expect([...new Set(first.map((c) => c.shift))]).toEqual([...ROLLUP_SHIFTS]);
    for (const shift of ROLLUP_SHIFTS) {
      const atShift = first.filter((c) => c.shift === shift);
      expect(
        atShift.reduce((n, c) => n + c.count, 0),
        `shift ${shift}`,
      ).toBe(batch.length);
      for (const c of atShift) {
        const inCell = batch.filter((p) => p.step >> shift === c.cell);
        expect(c.count).toBe(inCell.length);
        expect(c.minValue).toBe(Math.min(...inCell.map((p) => p.value)));
        expect(c.maxValue).toBe(Math.max(...inCell.map((p) => p.value)));
        expect(c.lastStep).toBe(Math.max(...inCell.map((p) => p.step)));
      }
    }

    // The retry overwrites the values of the same steps: no new rows, counts unchanged, last value moves.
    const retry = batch.map((p) => ({ ...p, value: p.value + 100 }));
    expect(await ingestMetricPoints(pgQuery(db.pool), g.teacherRunId, retry)).toBe(batch.length);
    const rows = await db.prisma.metricPoint.findMany({
      where: { runId: g.teacherRunId, key: 'ingest/loss' },
      orderBy: { step: 'asc' },
    });
    expect(rows.map((r) => [r.step, r.value, r.wallTime.getTime()])).toEqual(
      retry.map((p) => [p.step, p.value, p.wallTime]),
    );
    const second = await cells(g.teacherRunId, 'ingest/loss');
    expect(second.map((c) => [c.shift, c.cell, c.count])).toEqual(
      first.map((c) => [c.shift, c.cell, c.count]),
    );
    const last = retry[retry.length - 1]!;
    for (const c of second.filter((c) => c.lastStep === last.step)) expect(c.lastValue).toBe(last.value);
  });

  it('runs inside a Prisma transaction and writes nothing when that transaction rolls back', async () => {
    const g = await createFullGraph(db.prisma, 'ingest-prisma');
    const batch: MetricPoint[] = [1, 2, 3].map((step) => ({
      key: 'acc',
      step,
      value: step / 10,
      wallTime: Date.now(),
    }));
    const written = await db.prisma.$transaction((tx) =>
      ingestMetricPoints(prismaQuery(tx), g.teacherRunId, batch),
    );
    expect(written).toBe(batch.length);
    expect(await db.prisma.metricPoint.count({ where: { runId: g.teacherRunId, key: 'acc' } })).toBe(
      batch.length,
    );

    await expect(
      db.prisma.$transaction(async (tx) => {
        await ingestMetricPoints(prismaQuery(tx), g.teacherRunId, [
          { key: 'gone', step: 1, value: 1, wallTime: Date.now() },
        ]);
        throw new Error('fenced');
      }),
    ).rejects.toThrow('fenced');
    expect(await db.prisma.metricPoint.count({ where: { runId: g.teacherRunId, key: 'gone' } })).toBe(0);
    expect(await cells(g.teacherRunId, 'gone')).toEqual([]);
  });
});

describe('metricsNotice', () => {
  it('inlines small batches, gives only the range for large ones, and always fits a NOTIFY', () => {
    const small: MetricPoint[] = [4, 2, 9].map((step) => ({
      key: 'loss',
      step,
      value: step * 2,
      wallTime: 1000 + step,
    }));
    const notice = metricsNotice('p', 'r', small);
    expect(notice).toMatchObject({
      projectId: 'p',
      runId: 'r',
      keys: ['loss'],
      minStep: 2,
      maxStep: 9,
      count: 3,
    });
    expect(notice.points).toEqual(small.map((p) => [p.key, p.step, p.value, p.wallTime]));

    const large: MetricPoint[] = Array.from({ length: 151 }, (_, step) => ({
      key: `k${step % 3}`,
      step,
      value: step,
      wallTime: step,
    }));
    const range = metricsNotice('p', 'r', large);
    expect(range.points).toBeUndefined();
    expect(range).toMatchObject({ keys: ['k0', 'k1', 'k2'], minStep: 0, maxStep: 150, count: 151 });

    const wide: MetricPoint[] = Array.from({ length: 60 }, (_, i) => ({
      key: `${'x'.repeat(190)}${i}`,
      step: i,
      value: i,
      wallTime: i,
    }));
    const trimmed = metricsNotice('p', 'r', wide);
    expect(Buffer.byteLength(JSON.stringify(trimmed))).toBeLessThan(NOTIFY_LIMIT);
    expect(trimmed.points).toBeUndefined();
    expect(trimmed.keys).toEqual([]);
    expect(trimmed.count).toBe(wide.length);
  });
});
