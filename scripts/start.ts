// `npm start`: the whole product on one machine — database (embedded unless DATABASE_URL is set),
// migrations and demo seed, then the API, a runner and the dashboard, supervised: a child that exits
// is restarted with backoff, only Ctrl-C / SIGTERM stops everything, every child runs under a liveness
// guard (it stops when this process dies, even by SIGKILL), and a start after a killed one cleans up
// what that one left (its pid files in <data>/run, a PostgreSQL still running in the data folder).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { adminFromEnv, readDbEnv } from '@distillery/db/cli/env';
import { checkDatabaseUrl, describeEmbedded, productEmbeddedOptions } from '@distillery/db/cli/open-database';
import { redactUrl } from '@distillery/db';
import { isPortTaken, startEmbeddedPostgres } from '@distillery/db/embedded';
import { DEMO_USER } from '@distillery/db/seed';
import { PidFiles, Supervisor } from '@distillery/supervise';

import { spawnChild, waitForHttp } from './start/children.ts';
import { readStartEnv } from './start/env.ts';
import { adminSetupLines, prepareDatabase } from './start/prepare.ts';
import { root, say, fail, postgresLine, publicHost } from './start/output.ts';

const t0 = Date.now();

async function main(): Promise<void> {
  let env;
  let dbEnv;
  try {
    env = readStartEnv();
    dbEnv = readDbEnv(root);
  } catch (e) {
    fail((e as Error).message);
  }
  const pids = new PidFiles(join(dbEnv.dataDir, 'run'));
  const running = pids.live('supervisor');
  if (running && running.pid !== process.pid)
    fail(
      `npm start is already running with ${dbEnv.dataDir} (pid ${running.pid}); stop it first (Ctrl-C in its terminal, or kill ${running.pid})`,
    );
  const reaped = await pids.reapLeftovers(['supervisor']);
  if (reaped.length) say(`an earlier start was killed; stopped what it left running: ${reaped.join(', ')}`);
  if (dbEnv.DATABASE_URL) {
    try {
      await checkDatabaseUrl(dbEnv.DATABASE_URL);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  for (const [name, port] of [
    ['API_PORT', env.API_PORT],
    ['WEB_PORT', env.WEB_PORT],
  ] as const) {
    if (await isPortTaken(port))
      fail(`port ${port} (${name}) is already in use; stop what uses it or set ${name} to a free port`);
  }
  pids.write('supervisor', process.pid);

  const supervisor = new Supervisor(say, pids);
  const stopAll = async (code: number) => {
    if (supervisor.isStopping) return;
    say('stopping…');
    await supervisor.stopAll();
    pids.remove('supervisor');
    say('stopped');
    process.exit(code);
  };
  // `on`, not `once`: a terminal Ctrl-C may arrive twice (directly and relayed by tsx/npm), and a second
  // signal without a handler would kill this process before the children are stopped.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  let databaseUrl: string;
  // Where invitation, reset and setup links point: this dashboard unless the deployment says otherwise.
  const webUrl = dbEnv.DISTILLERY_WEB_URL ?? `http://${publicHost(env.DISTILLERY_HOST)}:${env.WEB_PORT}`;
  try {
    if (dbEnv.DATABASE_URL) {
      databaseUrl = dbEnv.DATABASE_URL;
      say(`database: ${redactUrl(databaseUrl)}`);
    } else {
      const options = productEmbeddedOptions(dbEnv, postgresLine);
      const server = await supervisor.add('postgres', () => startEmbeddedPostgres(options));
      databaseUrl = server.url;
      say(`database: ${describeEmbedded(server.pgdata, server.port)}`);
    }
    const res = await prepareDatabase(databaseUrl, { demo: true, admin: adminFromEnv(dbEnv, webUrl) });
    say(`migrations: ${res.applied} applied, ${res.alreadyApplied} already applied`);
    for (const line of adminSetupLines(dbEnv.DISTILLERY_ADMIN_EMAIL, res.admin)) say(line);
  } catch (e) {
    say((e as Error).message, 'error');
    return stopAll(1);
  }

  const host = env.DISTILLERY_HOST;
  const childEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DISTILLERY_WEB_URL: webUrl,
    API_PORT: String(env.API_PORT),
    API_HOST: host,
    NEXT_PUBLIC_API_URL: `http://${publicHost(host)}:${env.API_PORT}/graphql`,
    API_URL: `http://127.0.0.1:${env.API_PORT}/graphql`,
    NEXT_TELEMETRY_DISABLED: '1',
    TURBO_TELEMETRY_DISABLED: '1',
    PORT: String(env.WEB_PORT),
    DISTILLERY_LOG_PRETTY: env.DISTILLERY_LOG_PRETTY ?? (process.stdout.isTTY ? '1' : '0'),
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
      say('the dashboard build failed (see above)', 'error');
      return stopAll(1);
    }
  }

  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const next = join(root, 'node_modules', '.bin', 'next');
  const web = join(root, 'apps', 'web');
  await supervisor.add('api', async () => spawnChild('api', tsx, ['apps/api/src/main.ts'], childEnv, root));
  if (env.DISTILLERY_RUNNER === '1')
    // A laptop has no GPU: the one local runner serves the gpu queue on the CPU unless told otherwise.
    await supervisor.add('runner', async () =>
      spawnChild(
        'runner',
        tsx,
        ['apps/runner/src/main.ts'],
        { RUNNER_GPU_ALLOW_CPU: 'true', ...childEnv },
        root,
      ),
    );
  await supervisor.add('web', async () =>
    spawnChild('web', next, ['start', '-p', String(env.WEB_PORT), '-H', host], childEnv, web),
  );

  const alive = () => !supervisor.isStopping;
  try {
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${env.API_PORT}/graphql?query=%7B__typename%7D`, 120_000, alive),
      waitForHttp(`http://127.0.0.1:${env.WEB_PORT}/`, 120_000, alive),
    ]);
  } catch (e) {
    if (supervisor.isStopping) return;
    say((e as Error).message, 'error');
    return stopAll(1);
  }
  const shown = publicHost(host);
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  say(`  dashboard  http://${shown}:${env.WEB_PORT}`);
  say(
    `  API        http://${shown}:${env.API_PORT}/graphql  (subscriptions: ws://${shown}:${env.API_PORT}/graphql)`,
  );
  say(`  sign in as ${DEMO_USER.email} / ${DEMO_USER.password} (admin of the demo project)`);
  say('press Ctrl-C to stop');
}

void main();
