// npm start as a supervisor, with real processes and real signals: each child killed in turn comes
// back on its own; `kill -9` of the whole group leaves nothing running; a start after a kill that
// orphaned the children (guards SIGKILLed too) cleans up and comes up on the same ports and data.
// The data folder is mode 700: as root the embedded PostgreSQL (run as `postgres`) cannot enter it.
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, isPortTaken } from '@distillery/db/embedded';
import { afterAll, describe, expect, it } from 'vitest';

import { ensureWebBuild, TEST_DIST_DIR } from '../browser/web-build.ts';
import {
  apiServes,
  eventually,
  groupMembers,
  recordedPid,
  signInDemo,
  start,
  type Started,
} from './start-process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'distillery-supervise-'));
chmodSync(dataDir, 0o700);
const running: Started[] = [];
afterAll(() => running.forEach((s) => s.kill('SIGKILL')));

async function startProduct(ports: { api: number; web: number; pg: number }): Promise<Started> {
  const s = start({
    DISTILLERY_DATA_DIR: dataDir,
    DISTILLERY_PG_PORT: String(ports.pg),
    API_PORT: String(ports.api),
    WEB_PORT: String(ports.web),
    DISTILLERY_SKIP_WEB_BUILD: '1',
    DISTILLERY_WEB_DIST_DIR: TEST_DIST_DIR,
  });
  running.push(s);
  await s.waitFor(/ready in [\d.]+ s/, 180_000);
  return s;
}

const postmasterPid = () => {
  const pgdata = join(dataDir, 'pg');
  return Number(readFileSync(join(pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
};

describe('npm start supervises', () => {
  it('restarts each killed child, leaves no orphans after kill -9, and recovers on the next start', async () => {
    await ensureWebBuild();
    const ports = { api: await freePort(), web: await freePort(), pg: await freePort() };
    const first = await startProduct(ports);
    const token = await signInDemo(ports.api);
    expect(token).toMatch(/^dss_/);

    // A crash of each child: SIGKILL its whole process group (guard included).
    for (const name of ['api', 'runner', 'web']) {
      const mark = first.output().length;
      const before = recordedPid(dataDir, name);
      process.kill(-before, 'SIGKILL');
      await first.waitFor(new RegExp(`${name} exited \\(code 137\\); restarting in \\d+ s`), 30_000, mark);
      await first.waitFor(new RegExp(`${name} restarted \\(pid \\d+\\)`), 60_000, mark);
      expect(recordedPid(dataDir, name)).not.toBe(before);
    }
    // The database crashing (the postmaster SIGKILLed): restarted, and the API reaches it again.
    const mark = first.output().length;
    process.kill(postmasterPid(), 'SIGKILL');
    await first.waitFor(/postgres exited \(code 137\); restarting/, 30_000, mark);
    await first.waitFor(/postgres restarted/, 60_000, mark);
    await eventually(
      () => apiServes(ports.api, token!),
      90_000,
      'the API signs in after the database restart',
    );
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${ports.web}/`).catch(() => null))?.status === 200,
      60_000,
      'the dashboard answers',
    );

    // kill -9 of the whole group: the guards see their pipe close and stop everything.
    const guards = ['postgres', 'api', 'runner', 'web'].map((n) => recordedPid(dataDir, n));
    first.kill('SIGKILL');
    expect(await first.exit).toBe(null);
    for (const g of guards) await eventually(() => groupMembers(g).length === 0, 45_000, `group ${g} empty`);
    for (const port of [ports.api, ports.web, ports.pg]) expect(await isPortTaken(port)).toBe(false);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    // A harsher kill: the supervisor and every guard SIGKILLed, leaving the children orphaned.
    const second = await startProduct(ports);
    const orphanedPg = postmasterPid();
    second.kill('SIGKILL');
    for (const n of ['postgres', 'api', 'runner', 'web']) process.kill(recordedPid(dataDir, n), 'SIGKILL');
    await second.exit;
    expect(await isPortTaken(ports.api)).toBe(true);

    const third = await startProduct(ports);
    expect(third.output()).toMatch(/an earlier start was killed; stopped what it left running: .*api/);
    expect(postmasterPid()).not.toBe(orphanedPg);
    await eventually(
      () => apiServes(ports.api, token!),
      60_000,
      'the API serves the same data after the restart',
    );
    third.kill('SIGINT');
    expect(await third.exit).toBe(0);
    expect(third.output()).toMatch(/distillery: stopped/);
  }, 900_000);
});
