import type { Prisma } from '@distillery/db';
import type pg from 'pg';

/** A positional-parameter SQL runner, so raw helpers work on a pg client or inside a Prisma transaction. */
export type Sql = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

/** Sql over a pg client or pool. */
export function pgSql(client: pg.Pool | pg.PoolClient): Sql {
  return async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[];
}

/** Sql over a Prisma transaction client. */
export function prismaSql(tx: Prisma.TransactionClient): Sql {
  return <R>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<R[]>(text, ...params);
}

/** Run `fn` in a transaction on one pooled pg connection (used by the hot ingestion path). */
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
