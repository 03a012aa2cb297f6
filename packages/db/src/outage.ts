// Database outages: which errors mean "the server is not reachable right now" (and so are worth
// waiting out or answering with UNAVAILABLE), and a pg pool that waits for the server to come back
// instead of failing every query while it restarts.
import pg from 'pg';

/** Socket-level errno codes of a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs of a server shutting down or starting (57P01 admin shutdown, 57P02 crash shutdown, 57P03
 * cannot connect now), class 08 (connection exceptions), and Prisma's "can't reach" / "closed" codes.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', 'P1001', 'P1002', 'P1017']);
const MESSAGES =
  /Connection terminated|connection timeout|Can't reach database server|Server has closed the connection|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|terminating connection due to administrator command/i;

/** True when `e` (or anything in its cause chain) says the database is unreachable for now. */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 8; depth++) {
    const err = cur as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    const code =
      typeof err.code === 'string' ? err.code : typeof err.originalCode === 'string' ? err.originalCode : '';
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof err.message === 'string' && MESSAGES.test(err.message)) return true;
    cur = err.cause;
  }
  return false;
}

/** How a patient pool waits for the server. */
export interface OutagePolicy {
  /** Longest a connection attempt keeps retrying while the server is unavailable (0 = fail at once). */
  waitMs: number;
  /** Told once when an outage starts and once when it ends. */
  onOutage?: (state: 'down' | 'up', error?: unknown) => void;
}

const TAGGED = Symbol('distillery.tagged');

/**
 * pg reports a connection that dies mid-query as "Connection terminated unexpectedly" without a code;
 * give such errors SQLSTATE 08006 (connection_failure) so retry logic keyed on codes (graphile-worker's
 * RETRYABLE_ERROR_CODES, ours) recognises them.
 */
function tagConnectionErrors(client: pg.PoolClient): pg.PoolClient {
  const c = client as pg.PoolClient & { [TAGGED]?: true };
  if (c[TAGGED]) return client;
  c[TAGGED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const tag = (e: unknown) => {
    if (e && typeof e === 'object' && !(e as { code?: unknown }).code && isDatabaseUnavailable(e))
      (e as { code?: string }).code = '08006';
    return e;
  };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (e: unknown, ...rest: unknown[]) =>
        (last as (...a: unknown[]) => unknown)(tag(e), ...rest);
      return query(...args);
    }
    const out = query(...args);
    return out instanceof Promise ? out.catch((e: unknown) => Promise.reject(tag(e))) : out;
  };
  return client;
}

type ConnectCallback = (
  err: Error | undefined,
  client?: pg.PoolClient,
  done?: (release?: unknown) => void,
) => void;

/**
 * A pg pool whose `connect` (which `query` and Prisma's adapter both go through) retries while the
 * server is unavailable, with backoff from 250 ms to 5 s, for up to `waitMs`. Retrying a connect is
 * always safe: no statement has been sent yet. A query already running when the server goes away
 * still fails; callers that must survive that retry at their own level.
 */
export class PatientPool extends pg.Pool {
  private down = false;

  constructor(
    config: pg.PoolConfig,
    private readonly policy: OutagePolicy,
  ) {
    super(config);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const attempt = this.connectPatiently();
    if (!callback) return attempt;
    attempt.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (e: Error) => callback(e),
    );
  }

  private async connectPatiently(): Promise<pg.PoolClient> {
    const deadline = Date.now() + this.policy.waitMs;
    for (let delay = 250; ; delay = Math.min(delay * 2, 5000)) {
      try {
        const client = tagConnectionErrors(await super.connect());
        if (this.down) {
          this.down = false;
          this.policy.onOutage?.('up');
        }
        return client;
      } catch (e) {
        if (!isDatabaseUnavailable(e) || Date.now() + delay > deadline || this.ending) throw e;
        if (!this.down) {
          this.down = true;
          this.policy.onOutage?.('down', e);
        }
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
