// Training commands, runs list|show|watch|cancel and exit codes, against the real API. No runner
// process runs here: the test claims jobs and reports their outcome through the API's runner
// mutations with a RUNNER token, exactly as a runner does.
import { EXIT, cli, json, tempEnv } from '@distillery/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RegisterDatasetDocument } from '@distillery/client';
import { buildServer } from '@distillery/api';
import { listArchitectures } from '@distillery/ml';
import { actAsRunner, createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';

let api: TestApi;
let user: TestUser;
let env: NodeJS.ProcessEnv;
let runner: Awaited<ReturnType<typeof actAsRunner>>;
let splitId: string;
let teacherRuns: string[];

beforeAll(async () => {
  api = await startTestApi(buildServer, { architectures: listArchitectures() });
  user = await createTestUser(api, 'runs');
  env = tempEnv({
    DISTILLERY_API_URL: api.url,
    DISTILLERY_TOKEN: user.token,
    DISTILLERY_PROJECT: user.projectSlug,
  });
  runner = await actAsRunner(api.url, user.token, user.projectId);
  await user.client.request(RegisterDatasetDocument, {
    input: { projectId: user.projectId, name: 'mnist', preset: 'mnist', contentHash: 'a'.repeat(64) },
  });
  splitId = (await cli(['split', 'mnist', '-q'], env)).stdout.trim();
  expect((await cli(['subsets', splitId, '--fractions', '0.6', '--seeds', '1-3', '-q'], env)).code).toBe(0);
});
afterAll(async () => {
  await runner?.client.close();
  await user?.client.close();
  await api?.close();
});

describe('teachers train and runs', () => {
  it('trains one teacher per subset of p and lists them', async () => {
    const r = await cli(
      ['teachers', 'train', splitId, '--fraction', '0.6', '--arch', 'test', '--epochs', '2', '-q'],
      env,
    );
    expect(r.code).toBe(0);
    teacherRuns = r.stdout.trim().split('\n');
    expect(teacherRuns).toHaveLength(3);
    const teachers = json<{ runId: string; fraction: number; run: { status: string } }[]>(
      await cli(['teachers', 'list', '--json'], env),
    );
    expect(teachers.map((t) => [t.runId, t.fraction, t.run.status]).sort()).toEqual(
      teacherRuns.map((id) => [id, 0.6, 'QUEUED']).sort(),
    );
    const none = await cli(['teachers', 'train', splitId, '--fraction', '0.9', '--arch', 'test'], env);
    expect(none.code).toBe(EXIT.NOT_FOUND);
    const arch = await cli(['teachers', 'train', splitId, '--fraction', '0.6', '--arch', 'nope'], env);
    expect(arch.code).toBe(EXIT.USAGE);
    expect(arch.stderr).toMatch(
      /^error \[BAD_USER_INPUT\]: input\.architectureKey: is not a registered architecture/,
    );
  });

  it('runs watch follows epochs live and exits 0 when the run succeeds', async () => {
    const runId = teacherRuns[0]!;
    const attempt = await runner.claim(runId);
    // Finish the run only once the watcher has seen it running; a fast finish would skip that line.
    let sawRunning: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (sawRunning = resolve));
    const watching = cli(['runs', 'watch', runId], env, {
      onErr: (soFar) => soFar.includes('status RUNNING') && sawRunning(),
    });
    const logger = runner.client.metricLogger(runId, {
      attempt,
      runnerId: runner.runnerId,
      flushIntervalMs: 50,
    });
    for (let step = 1; step <= 8; step++) await logger.log({ loss: 1 / step, accuracy: step / 10 }, step);
    await logger.log({ epoch: 1, epoch_loss: 0.4, val_accuracy: 0.8 }, 4);
    await logger.log({ epoch: 2, epoch_loss: 0.2, val_accuracy: 0.9 }, 8);
    await logger.flush();
    await running;
    await runner.finish(runId, attempt, 'SUCCEEDED', { test_accuracy: 0.9123 });
    const r = await watching;
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('status RUNNING');
    expect(r.stderr).toContain('epoch 1/2 step 4 loss 0.4 val_accuracy 0.8');
    expect(r.stderr).toContain('epoch 2/2 step 8 loss 0.2 val_accuracy 0.9');
    expect(r.stdout).toBe(`run ${runId} SUCCEEDED test_accuracy 0.9123\n`);
    await logger.close();
  });

  it('runs watch exits 10 for a failed run and 11 for a cancelled one, with --json', async () => {
    const failed = teacherRuns[1]!;
    const attempt = await runner.claim(failed);
    let done = false;
    const watching = cli(['runs', 'watch', failed, '--json'], env).finally(() => (done = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    await runner.finish(failed, attempt, 'FAILED', {}, 'training diverged');
    const r = await watching;
    expect(r.code).toBe(EXIT.RUN_FAILED);
    expect(json(r)).toMatchObject({ id: failed, status: 'FAILED', failureReason: 'training diverged' });

    const queued = teacherRuns[2]!;
    const watchCancel = cli(['runs', 'watch', queued], env);
    await new Promise((r) => setTimeout(r, 300));
    expect((await cli(['runs', 'cancel', queued], env)).code).toBe(0);
    expect((await watchCancel).code).toBe(EXIT.RUN_CANCELLED);
  });

  it('runs list and show, as tables, ids and JSON; unknown ids exit 4', async () => {
    const all = json<{ id: string; status: string }[]>(await cli(['runs', 'list', '--json'], env));
    expect(all.map((r) => r.id).sort()).toEqual([...teacherRuns].sort());
    const ok = await cli(['runs', 'list', '--status', 'succeeded', '-q'], env);
    expect(ok.stdout).toBe(`${teacherRuns[0]}\n`);
    const table = await cli(['runs', 'list', '--kind', 'teacher'], env);
    expect(table.stdout).toContain('SUCCEEDED');
    expect(table.stdout).toContain('0.9123');
    const show = await cli(['runs', 'show', teacherRuns[0]!], env);
    expect(show.stdout).toMatch(/status\s+SUCCEEDED/);
    expect(show.stdout).toMatch(/SUCCEEDED\s+│\s+1/);
    expect(
      json<{ metricKeys: string[] }>(
        await cli(['runs', 'show', teacherRuns[0]!, '--json'], env),
      ).metricKeys.sort(),
    ).toEqual(['accuracy', 'epoch', 'epoch_loss', 'loss', 'val_accuracy']);
    const missing = await cli(['runs', 'show', '00000000-0000-4000-8000-000000000000'], env);
    expect(missing.code).toBe(EXIT.NOT_FOUND);
    expect(missing.stderr).toBe(
      'error [NOT_FOUND]: run 00000000-0000-4000-8000-000000000000 does not exist or is not visible to you\n',
    );
  });
});
