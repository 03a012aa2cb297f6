// The API's integration tests on the shared test support (@distillery/testing), bound to this
// app's own buildServer.
import type { TestDatabase } from '@distillery/db/testing';
import { startTestApi, type TestApi } from '@distillery/testing';

import { buildServer, type DistilleryServer, type ServerOptions } from '../../src/server.ts';

export { collect, createRunnerToken, createUser, type GqlResult } from '@distillery/testing';

/** A running API on a fresh test database (or on `db`, which is then not dropped). */
export type Api = TestApi<DistilleryServer>;

/** Build the server on port 0 over a cloned, migrated database (`options` override the defaults). */
export function startApi(
  db?: TestDatabase,
  options: Partial<Omit<ServerOptions, 'databaseUrl'>> = {},
): Promise<Api> {
  const { port, ...server } = options;
  return startTestApi(buildServer, { ...(db ? { db } : {}), ...(port ? { port } : {}), server });
}
