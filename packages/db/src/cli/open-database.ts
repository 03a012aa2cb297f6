import { join } from 'node:path';

import { connectionError } from '../errors.ts';
import { parseDatabaseUrl, redactUrl } from '../database-url.ts';
import { type EmbeddedOptions, startEmbeddedPostgres } from '../embedded.ts';
import { serverAnswers } from '../resolve.ts';
import type { DbEnv } from './env.ts';

/** The role and database the product uses on its embedded server. */
export const PRODUCT_ROLE = 'distillery';

/** The product's database: DATABASE_URL when set, else the embedded server in the data folder. */
export interface ProductDatabase {
  /** What the API and runners connect with (on the embedded server: a non-superuser role). */
  url: string;
  /**
   * What migrations connect with. Today the same role (it owns the database); the seam where the
   * security work (issue 14) splits a migration owner from the application role.
   */
  ownerUrl: string;
  description: string;
  stop(): Promise<void>;
}

/** Options of the product's embedded server (also used by `npm start`, which supervises it). */
export function productEmbeddedOptions(env: DbEnv, log: (line: string) => void): EmbeddedOptions {
  return {
    dataDir: join(env.dataDir, 'pg'),
    port: env.DISTILLERY_PG_PORT,
    database: 'distillery',
    appRole: PRODUCT_ROLE,
    sharedDir: env.DISTILLERY_PG_SHARED_DIR,
    onLog: log,
  };
}

/** Check that DATABASE_URL answers; throws one line with the driver's reason. */
export async function checkDatabaseUrl(url: string): Promise<void> {
  parseDatabaseUrl(url);
  if (await serverAnswers(url, 3000)) return;
  // Reconnect once to get the driver's reason into the message.
  const pg = await import('pg');
  const c = new pg.default.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  const err = await c.connect().then(
    () => new Error('the server answered but a query failed'),
    (e: unknown) => e,
  );
  await c.end().catch(() => undefined);
  throw connectionError(err, redactUrl(url));
}

/** Open the product database as `npm run db:migrate` does. */
export async function openProductDatabase(env: DbEnv, log: (line: string) => void): Promise<ProductDatabase> {
  if (env.DATABASE_URL) {
    await checkDatabaseUrl(env.DATABASE_URL);
    const url = env.DATABASE_URL;
    return { url, ownerUrl: url, description: redactUrl(url), stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres(productEmbeddedOptions(env, log));
  return {
    url: server.url,
    ownerUrl: server.url,
    description: describeEmbedded(server.pgdata, server.port),
    stop: server.stop,
  };
}

/** The one line naming an embedded server. */
export function describeEmbedded(pgdata: string, port: number): string {
  return `embedded PostgreSQL in ${pgdata} on port ${port}`;
}
