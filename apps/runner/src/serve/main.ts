// `npm run serve` (tsx apps/runner/src/serve/main.ts): the online inference process, apart from the
// API. It reads the model registry from PostgreSQL and the exported models from the artifact store.
import { artifactStoreConfig, openArtifactStore } from '@distillery/artifacts';
import { createDatabase, redactUrl } from '@distillery/db';
import { initBackend } from '@distillery/ml';

import { readEnv } from '../env.ts';
import { startServeHttp } from './http.ts';
import { ModelCache } from './model-cache.ts';

async function main(): Promise<void> {
  const env = readEnv();
  const db = createDatabase(env.DATABASE_URL, { max: 4 });
  const backend = await initBackend({ backend: 'auto' });
  const models = new ModelCache(db.prisma, openArtifactStore(artifactStoreConfig(env)), {
    ttlMs: env.SERVE_REFERENCE_TTL_MS,
    capacity: env.SERVE_MODELS,
    maxBatch: env.SERVE_MAX_BATCH,
  });
  const { url, server } = await startServeHttp({
    pool: db.pool,
    models,
    port: env.SERVE_PORT,
    host: env.SERVE_HOST,
    limits: { maxBodyBytes: env.SERVE_MAX_BODY_MB * 1024 * 1024, maxInstances: env.SERVE_MAX_BATCH },
  });
  console.log(`serve: ready at ${url} (${backend.name}) with ${redactUrl(env.DATABASE_URL)}`);
  const stop = (signal: string) => {
    console.log(`serve: ${signal}, stopping`);
    server.close();
    void models
      .close()
      .then(() => db.close())
      .then(() => process.exit(0));
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`serve: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
