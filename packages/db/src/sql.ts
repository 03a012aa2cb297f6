// Raw SQL helpers shared by the API, the runner and the metric ingest: one positional-parameter runner
// type over either a pg client/pool or a Prisma (transaction) client, so a raw helper runs in both.
import type pg from 'pg';

/** A positional-parameter SQL runner (a pg client/pool or a Prisma transaction, see `pgQuery`/`prismaQuery`). */
export type Sql = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

/** Sql over a pg client or pool. */
export function pgQuery(client: {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}): Sql {
  return async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[];
}

/** Sql over a Prisma (transaction) client. */
export function prismaQuery(tx: {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}): Sql {
  return async <R>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...params);
}

/** Run `fn` in a transaction on one pooled pg connection (the hot ingestion path skips Prisma). */
export async function withPgTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
