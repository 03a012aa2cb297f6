// The API (`apps/api/src/main.ts`) as a child process for the runner's end-to-end test, through the
// shared test support (@distillery/testing): one way to start it and one GraphQL helper for every test.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startApiProcess, type ApiProcess } from '@distillery/testing';

export { gqlData as gql, type ApiProcess } from '@distillery/testing';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Start the API on a free port of 127.0.0.1 against `databaseUrl`; resolves once it answers. */
export function startApi(databaseUrl: string): Promise<ApiProcess> {
  return startApiProcess(join(ROOT, 'apps', 'api', 'src', 'main.ts'), databaseUrl, { cwd: ROOT });
}
