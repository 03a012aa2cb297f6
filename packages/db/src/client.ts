import { PrismaPg } from '@prisma/adapter-pg';

import { PrismaClient } from './generated/prisma/client.ts';
import { type OutagePolicy, PatientPool } from './outage.ts';

/** Options for a Prisma client over a pg pool. */
export interface CreatePrismaOptions {
  /** Maximum pool connections (default 10). */
  max?: number;
  /** Interactive transaction timeout in ms (default 15 s). */
  transactionTimeoutMs?: number;
  /**
   * How long a query waits for an unavailable server before failing (default 0: fail at once, so the
   * API can answer UNAVAILABLE). Runners wait minutes, riding out a database restart.
   */
  outageWaitMs?: number;
  /** Pool-level events worth a log line: an idle client lost, an outage starting or ending. */
  log?: (event: 'pool-error' | 'db-down' | 'db-up', error?: unknown) => void;
}

/** A Prisma client together with the pg pool it runs on (for raw COPY/LISTEN work). */
export interface Database {
  prisma: PrismaClient;
  pool: PatientPool;
  /** Close the client and its pool. */
  close(): Promise<void>;
}

/** Build a Prisma 7 client on `@prisma/adapter-pg` over a `pg.Pool` for `url`. */
export function createDatabase(url: string, options: CreatePrismaOptions = {}): Database {
  const log = options.log ?? (() => undefined);
  const policy: OutagePolicy = {
    waitMs: options.outageWaitMs ?? 0,
    onOutage: (state, e) => log(state === 'down' ? 'db-down' : 'db-up', e),
  };
  // A connect that hangs (a host that drops packets) fails after 5 s rather than holding a request forever.
  const pool = new PatientPool(
    { connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000 },
    policy,
  );
  // An idle client losing its server (restart, network) must not crash the process; it is logged.
  pool.on('error', (e) => log('pool-error', e));
  // A checked-out client losing its server emits on the client; graphile-worker expects this handler.
  pool.on('connect', (client) => client.on('error', (e) => log('pool-error', e)));
  // A transaction waits for its connection as long as a plain query would: Prisma's own maxWait
  // (5 s) ran out while the patient pool was still waiting out an outage, and the job's fenced write
  // failed as P2028 "Unable to start a transaction" (INTERNAL) instead of resuming after the restart.
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: {
      maxWait: Math.max(5_000, policy.waitMs),
      timeout: options.transactionTimeoutMs ?? 15_000,
    },
  });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
