// `tsx apps/api/src/main.ts`: the API process (started by `npm start`). Reads env once, installs the
// job-queue schema, serves HTTP + WebSocket on API_PORT, and stops cleanly on SIGINT/SIGTERM.
import { join } from 'node:path';

import { artifactStoreConfig } from '@distillery/artifacts';
import { installJobQueue } from '@distillery/db/jobs';
import { redactUrl } from '@distillery/db';
import { datasetRootsFrom } from '@distillery/db/dataset-roots';
import { createLogger } from '@distillery/observe';

import { accountOptions } from './account-options.ts';
import { loadAuditSigningKey } from './modules/audit/signing-key.ts';
import { readApiEnv } from './env.ts';
import { installProcessGuards } from './process-guards.ts';
import { buildServer } from './server.ts';

async function main(): Promise<void> {
  const env = readApiEnv();
  const log = createLogger('api', { level: env.LOG_LEVEL, pretty: env.DISTILLERY_LOG_PRETTY === '1' });
  installProcessGuards((message, e) => log.error({ err: e }, message));
  await installJobQueue(env.DATABASE_URL);
  const server = buildServer({
    databaseUrl: env.DATABASE_URL,
    port: env.API_PORT,
    host: env.API_HOST,
    sessionDays: env.API_SESSION_DAYS,
    poolSize: env.API_DB_POOL,
    production: env.NODE_ENV === 'production',
    datasetRoots: datasetRootsFrom(env),
    ...(env.DISTILLERY_MAX_DATASET_BYTES ? { maxDatasetPackBytes: env.DISTILLERY_MAX_DATASET_BYTES } : {}),
    datasetCacheDir:
      env.DISTILLERY_DATASET_CACHE ?? join(env.DISTILLERY_DATA_DIR ?? '.data', 'cache', 'datasets'),
    artifactStore: artifactStoreConfig({ ...env, DISTILLERY_DATA_DIR: env.DISTILLERY_DATA_DIR ?? '.data' }),
    auditSigningKey: loadAuditSigningKey(env),
    auditCheckpointMs: env.AUDIT_CHECKPOINT_SECONDS * 1000,
    log,
    ...accountOptions(env),
  });
  const url = await server.start();
  log.info({ url, database: redactUrl(env.DATABASE_URL) }, `api: ready at ${url} (ws on the same path)`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  // Before the logger exists (a bad environment) this is the one line the operator reads.
  process.stderr.write(`api: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
