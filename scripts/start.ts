// `npm start`: the whole product on one machine — database (embedded unless DATABASE_URL is set),
// migrations and demo seed, then the API, a runner and the dashboard. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readDbEnv } from '@distillery/db/cli/env';
import { openProductDatabase, type ProductDatabase } from '@distillery/db/cli/open-database';
import { isPortTaken } from '@distillery/db/embedded';
import { DEMO_USER } from '@distillery/db/seed';

import { type Child, spawnChild, stopChildren, waitForHttp } from './start/children.ts';
import { readStartEnv } from './start/env.ts';
import { prepareDatabase } from './start/prepare.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();
const say = (line: string) => console.log(`distillery: ${line}`);

function fail(message: string): never {
  console.error(`distillery: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  let env;
  let dbEnv;
  try {
    env = readStartEnv();
    dbEnv = readDbEnv(root);
  } catch (e) {
    fail((e as Error).message);
  }
  for (const [name, port] of [
    ['API_PORT', env.API_PORT],
    ['WEB_PORT', env.WEB_PORT],
  ] as const) {
    if (await isPortTaken(port))
      fail(`port ${port} (${name}) is already in use; stop what uses it or set ${name} to a free port`);
  }

  let db: ProductDatabase;
  try {
    db = await openProductDatabase(dbEnv, () => undefined);
  } catch (e) {
    fail((e as Error).message);
  }
  say(`database: ${db.description}`);
  const children: Child[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await stopChildren(children);
    // On a terminal Ctrl-C the embedded postgres got the SIGINT too and may already be shutting down.
    await db.stop().catch(() => undefined);
    say('stopped');
    process.exit(code);
  };
  // `on`, not `once`: a terminal Ctrl-C reaches us twice (directly and relayed by tsx), and a second
  // signal without a handler would kill the process before the children are stopped.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const res = await prepareDatabase(db.url);
    say(`migrations: ${res.applied} applied, ${res.alreadyApplied} already applied`);
  } catch (e) {
    console.error(`distillery: ${(e as Error).message}`);
    await stopAll(1);
  }

  const childEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    API_PORT: String(env.API_PORT),
    NEXT_PUBLIC_API_URL: `http://localhost:${env.API_PORT}/graphql`,
    API_URL: `http://127.0.0.1:${env.API_PORT}/graphql`,
    NEXT_TELEMETRY_DISABLED: '1',
    TURBO_TELEMETRY_DISABLED: '1',
    PORT: String(env.WEB_PORT),
  };
  if (env.DISTILLERY_SKIP_WEB_BUILD !== '1') {
    say('building the dashboard (cached after the first start)…');
    const build = spawnSync(
      'npx',
      ['turbo', 'run', 'build', '--filter=@distillery/web', '--output-logs=errors-only'],
      {
        cwd: root,
        env: childEnv,
        stdio: 'inherit',
      },
    );
    if (build.status !== 0) {
      console.error('distillery: the dashboard build failed (see above)');
      await stopAll(1);
    }
  }

  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  children.push(spawnChild('api', tsx, ['apps/api/src/main.ts'], childEnv, root));
  if (env.DISTILLERY_RUNNER === '1')
    // A laptop has no GPU: the one local runner serves the gpu queue on the CPU unless told otherwise.
    children.push(
      spawnChild(
        'runner',
        tsx,
        ['apps/runner/src/main.ts'],
        { RUNNER_GPU_ALLOW_CPU: 'true', ...childEnv },
        root,
      ),
    );
  children.push(
    spawnChild(
      'web',
      join(root, 'node_modules', '.bin', 'next'),
      ['start', '-p', String(env.WEB_PORT)],
      childEnv,
      join(root, 'apps', 'web'),
    ),
  );
  for (const c of children) {
    void c.exited.then((code) => {
      if (stopping) return;
      console.error(`distillery: ${c.name} exited unexpectedly (code ${code}); stopping the rest`);
      void stopAll(1);
    });
  }

  const alive = () => !stopping;
  try {
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${env.API_PORT}/graphql?query=%7B__typename%7D`, 120_000, alive),
      waitForHttp(`http://127.0.0.1:${env.WEB_PORT}/`, 120_000, alive),
    ]);
  } catch (e) {
    if (stopping) return;
    console.error(`distillery: ${(e as Error).message}`);
    await stopAll(1);
  }
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  say(`  dashboard  http://localhost:${env.WEB_PORT}`);
  say(
    `  API        http://localhost:${env.API_PORT}/graphql  (subscriptions: ws://localhost:${env.API_PORT}/graphql)`,
  );
  say(`  sign in as ${DEMO_USER.email} / ${DEMO_USER.password}`);
  say('press Ctrl-C to stop');
}

void main();
