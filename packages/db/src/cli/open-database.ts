import { join } from 'node:path';

import { connectionError } from '../errors.ts';
import { parseDatabaseUrl, redactUrl } from '../database-url.ts';
import { startEmbeddedPostgres } from '../embedded.ts';
import { serverAnswers } from '../resolve.ts';
import type { DbEnv } from './env.ts';

/** The product's database: DATABASE_URL when set, else the embedded server in the data folder. */
export interface ProductDatabase {
  url: string;
  description: string;
  stop(): Promise<void>;
}

/** Open the product database as `npm start` and `npm run db:migrate` do. */
export async function openProductDatabase(env: DbEnv, log: (line: string) => void): Promise<ProductDatabase> {
  if (env.DATABASE_URL) {
    parseDatabaseUrl(env.DATABASE_URL);
    if (!(await serverAnswers(env.DATABASE_URL, 3000))) {
      // Reconnect once to get the driver's reason into the message.
      const pg = await import('pg');
      const c = new pg.default.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 3000 });
      const err = await c.connect().then(
        () => new Error('the server answered but a query failed'),
        (e: unknown) => e,
      );
      await c.end().catch(() => undefined);
      throw connectionError(err, redactUrl(env.DATABASE_URL));
    }
    return { url: env.DATABASE_URL, description: redactUrl(env.DATABASE_URL), stop: async () => undefined };
  }
  const dataDir = join(env.dataDir, 'pg');
  const server = await startEmbeddedPostgres({
    dataDir,
    port: env.DISTILLERY_PG_PORT,
    database: 'distillery',
    onLog: log,
  });
  return {
    url: server.url,
    description: `embedded PostgreSQL in ${dataDir} on port ${server.port}`,
    stop: server.stop,
  };
}
