// `tsx apps/api/src/main.ts`: the API process (started by `npm start`). Reads env once, installs the
// job-queue schema, serves HTTP + WebSocket on API_PORT, and stops cleanly on SIGINT/SIGTERM.
import { artifactStoreConfig } from '@distillery/artifacts';
import { installJobQueue } from '@distillery/db/jobs';
import { redactUrl } from '@distillery/db';
import { datasetRootsFrom } from '@distillery/db/dataset-roots';

import { loadAuditSigningKey } from './audit/signing-key.ts';
import { readApiEnv } from './env.ts';
import { installProcessGuards } from './process-guards.ts';
import { buildServer } from './server.ts';

async function main(): Promise<void> {
  const env = readApiEnv();
  installProcessGuards();
  await installJobQueue(env.DATABASE_URL);
  const server = buildServer({
    databaseUrl: env.DATABASE_URL,
    port: env.API_PORT,
    host: env.API_HOST,
    sessionDays: env.API_SESSION_DAYS,
    poolSize: env.API_DB_POOL,
    production: env.NODE_ENV === 'production',
    datasetRoots: datasetRootsFrom(env),
    artifactStore: artifactStoreConfig({ ...env, DISTILLERY_DATA_DIR: env.DISTILLERY_DATA_DIR ?? '.data' }),
    auditSigningKey: loadAuditSigningKey(env),
    auditCheckpointMs: env.AUDIT_CHECKPOINT_SECONDS * 1000,
  });
  const url = await server.start();
  console.log(`api: ready at ${url} (ws on the same path) with ${redactUrl(env.DATABASE_URL)}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`api: ${signal}, draining`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('api: stop failed', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`api: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
