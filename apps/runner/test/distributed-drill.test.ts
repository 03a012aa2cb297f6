// The distributed drill (issue 20 item 6): the API and PostgreSQL on one host, two runners on two
// others, each host a network namespace of its own linked by veth pairs (netns.ts), every process the
// real entry point. A runner is SIGKILLed mid-epoch and its run resumes on the other host; then
// PostgreSQL stops for 30 s under the running job and everything comes back by itself, with every
// metric point exactly once. Datasets still come from a path every host sees (the MNIST package);
// fetching them over the network is item 5. Skipped, with the reason, where namespaces cannot be made.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';

import { createDatabase, type Database } from '@distillery/db';

import {
  createMnistProject,
  createTeacherRun,
  expectExactlyOnceMetrics,
  waitFor,
  waitForEnd,
} from './fixtures.ts';
import { createTopology, netnsUnavailable, spawnNodeIn, type NsProcess, type Topology } from './netns.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SUBSET = 4096;
const STEPS_PER_EPOCH = SUBSET / 128;
// Enough epochs that the kill lands mid-run and host 2 still trains when PostgreSQL stops, however fast
// the engine (at idle a 4,096-sample epoch takes under a second).
const EPOCHS = 20;
const OUTAGE_MS = 30_000;

const unavailable = netnsUnavailable();
if (unavailable) console.warn(`distributed drill skipped: ${unavailable}`);

describe.skipIf(unavailable !== null)('the distributed drill', () => {
  let net: Topology;
  let scratch: string;
  let dbHost: NsProcess;
  let api: NsProcess;
  const runners: NsProcess[] = [];
  let db: Database;
  let appUrl: URL;
  const at = (host: string) => {
    const u = new URL(appUrl);
    u.hostname = host;
    return u.toString();
  };

  beforeAll(async () => {
    net = createTopology(2);
    scratch = mkdtempSync(join(tmpdir(), 'distillery-drill-'));
    chmodSync(scratch, 0o755); // the embedded server runs as `postgres` and keeps its cluster here
    dbHost = spawnNodeIn(net.server, 'apps/runner/test/drill-db-host.ts', [join(scratch, 'pg')], {}, ROOT);
    const ready = await dbHost.waitFor(/\{"event":"ready".*\}/);
    appUrl = new URL((JSON.parse(ready) as { url: string }).url);
    // The migrate step from the test's host, over the link, as an operator's machine would run it.
    const migrate = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: at(net.serverFromTest) },
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    db = createDatabase(at(net.serverFromTest), { max: 3, outageWaitMs: OUTAGE_MS * 3 });
    api = spawnNodeIn(
      net.server,
      'apps/api/src/main.ts',
      [],
      {
        DATABASE_URL: appUrl.toString(),
        API_HOST: '0.0.0.0',
        API_PORT: '4000',
        DISTILLERY_DATA_DIR: join(scratch, 'api'),
        ARTIFACT_STORE: join(scratch, 'artifacts'),
        LOG_LEVEL: 'warn',
      },
      ROOT,
    );
    await waitFor(
      'the API to be ready',
      async () => ((await readyz()) === 200 ? true : undefined),
      90_000,
      250,
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled([...runners.map((r) => r.stop()), api?.stop()]);
    await db?.close();
    await dbHost?.stop();
    net?.destroy();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const readyz = () =>
    fetch(`http://${net.serverFromTest}:4000/readyz`, { signal: AbortSignal.timeout(3000) }).then(
      (r) => r.status,
      () => 0,
    );

  function startRunner(i: number): NsProcess {
    const host = net.serverFromRunner[i]!;
    const r = spawnNodeIn(
      net.runners[i]!,
      'apps/runner/src/main.ts',
      ['--queues', 'gpu,cpu'],
      {
        DATABASE_URL: at(host),
        RUNNER_ID: `host${i + 1}`,
        ARTIFACT_STORE: join(scratch, 'artifacts'),
        DISTILLERY_DATA_DIR: join(scratch, `runner${i + 1}`),
        // tfjs steps: long enough epochs to be killed in (as in drill.test.ts).
        ML_ENGINE: 'tfjs',
        RUNNER_GPU_ALLOW_CPU: 'true',
        RUNNER_HEARTBEAT_MS: '500',
        RUNNER_STALE_MS: '5000',
        RUNNER_REAP_INTERVAL_MS: '1000',
        RUNNER_POLL_MS: '200',
        // Mid-epoch points reach the database before the next checkpoint (see runner-process.ts).
        RUNNER_METRIC_FLUSH_MS: '100',
      },
      ROOT,
    );
    runners.push(r);
    return r;
  }

  it('resumes a SIGKILLed runner’s run on the other host within 60 s and rides out a 30 s PostgreSQL outage', async () => {
    let runIdForReport = '';
    onTestFailed(async () => {
      // What the run itself recorded: its events and the job's own console lines (jobs log there now).
      if (runIdForReport) {
        const events = await db.prisma.runEvent.findMany({
          where: { runId: runIdForReport },
          orderBy: { id: 'asc' },
        });
        const lines = await db.prisma.runLogLine.findMany({
          where: { runId: runIdForReport },
          orderBy: { seq: 'desc' },
          take: 40,
        });
        console.error(
          `--- run events:\n${events.map((e) => `${e.type} ${e.message}`).join('\n')}\n--- run console (newest last):\n${lines
            .reverse()
            .map((l) => `${l.level} ${l.message}`)
            .join('\n')}`,
        );
      }
      const tail = (s: string) => s.split('\n').slice(-40).join('\n');
      for (const [name, proc] of [
        ['db host', dbHost],
        ['api', api],
        ...runners.map((r, i) => [`runner ${i + 1}`, r] as const),
      ] as const)
        console.error(
          `--- ${name} (exit ${proc.child.exitCode ?? proc.child.signalCode ?? 'running'}):\n${tail(proc.output())}`,
        );
    });
    const p = await createMnistProject(db.prisma);
    const { runId } = await createTeacherRun(db.prisma, p, {
      subsetSize: SUBSET,
      epochs: EPOCHS,
      name: 'netns',
    });
    runIdForReport = runId;

    const first = startRunner(0);
    await first.waitFor(/runner host1:\S+ ready/);
    // Host 2 starts as soon as host 1 holds the run (a live lease is never taken over), so the kill
    // below follows the first checkpoint at once instead of after host 2's start-up.
    await waitFor(
      'host 1 to claim the run',
      async () =>
        (await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).runnerId?.startsWith('host1:')
          ? true
          : undefined,
      120_000,
      100,
    );
    const second = startRunner(1);
    await second.waitFor(/runner host2:\S+ ready/);
    const newestCheckpoint = async () =>
      (await db.prisma.checkpoint.findFirst({ where: { runId, kind: 'EPOCH' }, orderBy: { epoch: 'desc' } }))
        ?.epoch ?? 0;
    await waitFor(
      'a checkpoint on host 1, then progress into the next epoch',
      async () => {
        const epoch = await newestCheckpoint();
        if (epoch < 1) return undefined;
        const mid = await db.prisma.metricPoint.count({
          where: { runId, key: 'loss', step: { gt: epoch * STEPS_PER_EPOCH + 2 } },
        });
        return mid > 0 ? true : undefined;
      },
      150_000,
      100,
    );
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).runnerId).toMatch(/^host1:/);

    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) =>
      first.child.exitCode === null && first.child.signalCode === null
        ? first.child.once('exit', r)
        : r(null),
    );
    const resumeEpoch = await newestCheckpoint();
    const resumed = await waitFor(
      'the run to resume on host 2',
      async () => (await db.prisma.runEvent.findFirst({ where: { runId, type: 'RESUMED' } })) ?? undefined,
      60_000,
      250,
    );
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(resumed.message).toContain(`from epoch ${resumeEpoch} checkpoint`);
    expect(resumed.message).toMatch(/host2/);

    // Host 2 trains; then the database host's PostgreSQL stops for 30 s under it.
    await waitFor(
      'host 2 to log a point past the resume',
      async () =>
        (await db.prisma.metricPoint.count({
          where: { runId, key: 'loss', step: { gt: resumeEpoch * STEPS_PER_EPOCH } },
        })) > 0
          ? true
          : undefined,
      240_000,
      100,
    );
    // The outage must come under a job that is still training, not after it finished.
    expect((await db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('RUNNING');
    const running = dbHost.output().length;
    dbHost.child.kill('SIGUSR1');
    await dbHost.waitFor(/\{"event":"stopped"\}/, 60_000, running);
    const stoppedAt = Date.now();
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await readyz()).toBe(503); // the API says so instead of failing requests obscurely
    await new Promise((r) => setTimeout(r, OUTAGE_MS - (Date.now() - stoppedAt)));
    const mark = dbHost.output().length;
    dbHost.child.kill('SIGUSR2');
    await dbHost.waitFor(/\{"event":"ready"/, 90_000, mark);
    await waitFor(
      'the API ready again',
      async () => ((await readyz()) === 200 ? true : undefined),
      60_000,
      250,
    );

    expect(await waitForEnd(db.prisma, runId, 300_000)).toEqual({ status: 'SUCCEEDED', failureReason: null });
    await expectExactlyOnceMetrics(db.prisma, runId, EPOCHS, STEPS_PER_EPOCH);
    // Nobody crashed: the API and host 2's runner are the processes started above.
    expect(api.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();
    const events = await db.prisma.runEvent.findMany({ where: { runId }, orderBy: { id: 'asc' } });
    expect(events.filter((e) => e.type === 'FAILED')).toEqual([]);
    expect(events.at(-1)?.type).toBe('SUCCEEDED');
  }, 600_000);
});
