import type { Logger } from '@distillery/observe';
import pg from 'pg';

import type { Sql } from '@distillery/db';
import { notify } from '@distillery/db/lifecycle';

import { TOPICS, type Topic, type Topics } from './topics.ts';

type Listener<T extends Topic> = (payload: Topics[T]) => void;

/**
 * Cross-process pub/sub on Postgres LISTEN/NOTIFY. Publishing goes through the caller's transaction
 * (delivered on commit, dropped on rollback); one dedicated connection LISTENs and fans out in process.
 */
export class PgPubSub {
  private client: pg.Client | null = null;
  private readonly listeners = new Map<Topic, Set<Listener<Topic>>>();
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private lost = false;

  constructor(
    private readonly url: string,
    private readonly log?: Logger,
    /** Called each time the LISTEN connection is back after a loss (metrics). */
    private readonly onReconnect: () => void = () => undefined,
  ) {}

  /** True while the LISTEN connection is up (readiness). */
  get isListening(): boolean {
    return this.client !== null;
  }

  /** Connect the listening connection. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
    client.on('notification', (msg) => this.dispatch(msg.channel as Topic, msg.payload));
    // A late event from a connection already replaced must not drop the current one.
    const current = () => this.client === client || this.client === null;
    client.on('error', (e) => current() && this.scheduleReconnect(e));
    client.on('end', () => current() && this.scheduleReconnect());
    await client.connect();
    for (const t of TOPICS) await client.query(`LISTEN "${t}"`);
    this.client = client;
    if (this.lost) {
      this.lost = false;
      this.onReconnect();
      this.log?.info('LISTEN connection re-established');
    }
  }

  /**
   * Publish `payload` on `topic` within the transaction `sql` belongs to, the lifecycle's way: an
   * oversize payload is cut down to a reference or split, never thrown after the rows were written.
   */
  async publish<T extends Topic>(sql: Sql, topic: T, payload: Topics[T]): Promise<void> {
    if ((await notify(sql, topic, payload)) === 0)
      this.log?.warn({ topic }, 'a notification too large to send even cut down was skipped');
  }

  /** Call `fn` for every message on `topic` until the returned function is called. */
  on<T extends Topic>(topic: T, fn: Listener<T>): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(fn as Listener<Topic>);
    return () => set.delete(fn as Listener<Topic>);
  }

  /** Number of in-process listeners (for tests and shutdown logs). */
  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /** Stop listening and close the connection. */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listeners.clear();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private dispatch(channel: Topic, payload: string | undefined): void {
    const set = this.listeners.get(channel);
    if (!set || set.size === 0 || !payload) return;
    let parsed: Topics[Topic];
    try {
      parsed = JSON.parse(payload) as Topics[Topic];
    } catch {
      return;
    }
    for (const fn of set) {
      try {
        fn(parsed);
      } catch (e) {
        this.log?.error({ err: e, channel }, 'a notification listener failed');
      }
    }
  }

  private scheduleReconnect(error?: unknown): void {
    if (this.closed || this.reconnectTimer) return;
    if (!this.lost) this.log?.warn({ err: error }, 'LISTEN connection lost; reconnecting every second');
    this.lost = true;
    this.client = null;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start().catch(() => this.scheduleReconnect());
    }, 1000);
  }
}
