import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

import { PrismaClient } from './generated/prisma/client.ts';

/** Options for a Prisma client over a pg pool. */
export interface CreatePrismaOptions {
  /** Maximum pool connections (default 10). */
  max?: number;
  /** Interactive transaction timeout in ms (default 15 s). */
  transactionTimeoutMs?: number;
}

/** A Prisma client together with the pg pool it runs on (for raw COPY/LISTEN work). */
export interface Database {
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Close the client and its pool. */
  close(): Promise<void>;
}

/** Build a Prisma 7 client on `@prisma/adapter-pg` over a `pg.Pool` for `url`. */
export function createDatabase(url: string, options: CreatePrismaOptions = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client losing its server (restart, network) must not crash the process.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: 5_000, timeout: options.transactionTimeoutMs ?? 15_000 },
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
