// The workers page's source: a started runner registers itself (host, engine, queues, concurrency),
// renews its heartbeat while it runs and is marked stopped when it stops gracefully.
import { hostname } from 'node:os';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import { startRunner } from '../src/runner.ts';
import { tempArtifacts, waitFor } from './fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('runner registration', () => {
  it('registers on start, heartbeats while running, is marked stopped on stop', async () => {
    const runner = await startRunner({
      databaseUrl: db.url,
      name: 'presence-test',
      queues: ['cpu'],
      concurrency: 2,
      artifacts: tempArtifacts(),
      engine: { engine: 'tfjs', nativeCpu: 'auto', backend: 'cpu' },
      gitCommit: 'abc123',
      presenceMs: 200,
      pollIntervalMs: 500,
    });
    try {
      const first = await db.prisma.runnerRegistration.findUniqueOrThrow({ where: { id: runner.runnerId } });
      expect(runner.runnerId).toMatch(new RegExp(`^presence-test:${process.pid}:[0-9a-f]{6}$`));
      expect(first).toMatchObject({
        host: hostname(),
        pid: process.pid,
        version: 'abc123',
        engine: 'tfjs',
        nativeCpu: null,
        backend: 'cpu',
        queues: ['cpu'],
        concurrency: 2,
        heartbeatMs: 200,
        tokenId: null,
        stoppedAt: null,
      });
      expect(first.cpuCores).toBeGreaterThan(0);
      // The beat moves on its own while the runner serves.
      await waitFor('a heartbeat after registration', async () => {
        const r = await db.prisma.runnerRegistration.findUniqueOrThrow({ where: { id: runner.runnerId } });
        return r.heartbeatAt > first.heartbeatAt ? r : undefined;
      });
    } finally {
      await runner.stop();
    }
    const stopped = await db.prisma.runnerRegistration.findUniqueOrThrow({ where: { id: runner.runnerId } });
    expect(stopped.stoppedAt).not.toBeNull();
    // No beat after the stop clears it again.
    await new Promise((r) => setTimeout(r, 500));
    const later = await db.prisma.runnerRegistration.findUniqueOrThrow({ where: { id: runner.runnerId } });
    expect(later.stoppedAt).toEqual(stopped.stoppedAt);
    expect(later.heartbeatAt).toEqual(stopped.heartbeatAt);
  });
});
