import type pg from 'pg';

import type { PgPubSub } from '../../pubsub/pg-pubsub.ts';
import type { Topics } from '../../pubsub/topics.ts';

/** A point as subscribers receive it. */
export interface LivePoint {
  key: string;
  step: number;
  value: number;
  wallTime: Date;
}

type Subscriber = { keys: Set<string> | null; push: (points: LivePoint[]) => void };

/**
 * Fans metric notifications out to this process's subscribers: points come inline in the NOTIFY
 * when small, otherwise they are read once per notification (not once per subscriber).
 */
export class MetricsHub {
  private readonly byRun = new Map<string, Set<Subscriber>>();
  private readonly off: () => void;

  constructor(
    private readonly pool: pg.Pool,
    pubsub: PgPubSub,
  ) {
    this.off = pubsub.on('distillery.metrics_appended', (n) => void this.deliver(n));
  }

  /** Receive points of `runId` (optionally only `keys`) until the returned function is called. */
  subscribe(runId: string, keys: string[] | null, push: (points: LivePoint[]) => void): () => void {
    let set = this.byRun.get(runId);
    if (!set) this.byRun.set(runId, (set = new Set()));
    const sub: Subscriber = { keys: keys?.length ? new Set(keys) : null, push };
    set.add(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0) this.byRun.delete(runId);
    };
  }

  /** Points of a run with step > sinceStep, oldest first (the reconnect backfill). */
  async backfill(
    runId: string,
    keys: string[] | null,
    sinceStep: number,
    limit = 200_000,
  ): Promise<LivePoint[]> {
    const rows = await this.pool.query<LivePoint>(
      `SELECT key, step, value, "wallTime" FROM "MetricPoint" WHERE "runId" = $1 AND step > $2 AND ($3::text[] IS NULL OR key = ANY($3::text[]))
       ORDER BY step, key LIMIT $4`,
      [runId, sinceStep, keys?.length ? keys : null, limit],
    );
    return rows.rows;
  }

  /** Stop listening. */
  close(): void {
    this.off();
    this.byRun.clear();
  }

  private async deliver(n: Topics['distillery.metrics_appended']): Promise<void> {
    const subs = this.byRun.get(n.runId);
    if (!subs || subs.size === 0) return;
    let points: LivePoint[];
    if (n.points) {
      points = n.points.map(([key, step, value, wall]) => ({ key, step, value, wallTime: new Date(wall) }));
    } else {
      const rows = await this.pool
        .query<LivePoint>(
          `SELECT key, step, value, "wallTime" FROM "MetricPoint" WHERE "runId" = $1 AND step BETWEEN $2 AND $3 AND ($4::text[] IS NULL OR key = ANY($4::text[])) ORDER BY step, key`,
          [n.runId, n.minStep, n.maxStep, n.keys.length ? n.keys : null],
        )
        .catch(() => ({ rows: [] as LivePoint[] }));
      points = rows.rows;
    }
    // Subscribers with the same key filter get the same array, so their events can share one execution.
    const byFilter = new Map<string, LivePoint[]>();
    for (const s of subs) {
      const filter = s.keys ? [...s.keys].sort().join('\u0000') : '*';
      let mine = byFilter.get(filter);
      if (!mine) byFilter.set(filter, (mine = s.keys ? points.filter((p) => s.keys!.has(p.key)) : points));
      if (mine.length) s.push(mine);
    }
  }
}
