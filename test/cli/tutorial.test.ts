// The README tutorial, executed exactly as written (every ```sh block between the tutorial markers,
// in one bash session) against a real API in this process and a real runner process on the same
// database; and the README's script example run with tsx. If the README changes, this runs the new text.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  parseCsvObjects,
  extractBlocks,
  readReadme,
  stepSeconds,
  stepsScript,
  cli,
  json,
  REPO_ROOT,
  tempEnv,
  type CliResult,
} from '@distillery/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildServer } from '@distillery/api';
import { listArchitectures } from '@distillery/ml';
import { spawnRunnerProcess, startTestApi, type RunnerChild, type TestApi } from '@distillery/testing';
import { DEMO_USER, seedDemo } from '@distillery/db/seed';

let api: TestApi;
let runner: RunnerChild | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'distillery-tutorial-'));
// Where `datasets import --per-class` writes (the CLI's XDG_DATA_HOME): a dataset root of the API and
// the runner, as on one machine where both run as the same user.
const xdgData = join(dataDir, 'xdg-data');
const datasetRoots = [join(xdgData, 'distillery', 'datasets')];

beforeAll(async () => {
  api = await startTestApi(buildServer, {
    architectures: listArchitectures(),
    // The runner's store (DISTILLERY_DATA_DIR/artifacts): imported datasets travel there as packs.
    server: { datasetRoots, artifactStore: { kind: 'local', root: join(dataDir, 'artifacts') } },
  });
  await seedDemo(api.db.prisma);
  // The runner as `npm start` runs it: its own process on the same database.
  runner = spawnRunnerProcess('apps/runner/src/main.ts', REPO_ROOT, {
    DATABASE_URL: api.db.url,
    DISTILLERY_DATA_DIR: dataDir,
    DISTILLERY_DATASET_ROOTS: datasetRoots.join(':'),
    RUNNER_CONCURRENCY: '2',
    RUNNER_POLL_MS: '200',
    // The tutorial's jobs go to the gpu queue; this machine trains them on the CPU, as `npm start` does.
    RUNNER_GPU_ALLOW_CPU: 'true',
  });
});
afterAll(async () => {
  await runner?.stop();
  await api?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function bash(script: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

// Jobs whose handlers are still placeholders fail with this reason (apps/runner/src/jobs/*/handler.ts).
const NOT_YET = /(\S+) is not available in this build of the runner yet/;

describe('README tutorial', () => {
  it(
    'runs every command of the tutorial as written',
    async (ctx) => {
      const blocks = extractBlocks(readReadme(REPO_ROOT), 'tutorial', 'sh');
      expect(blocks.length).toBeGreaterThanOrEqual(5);
      expect(blocks.join('\n')).toContain('npx distillery login');
      const env = tempEnv({ DISTILLERY_API_URL: api.url, XDG_DATA_HOME: xdgData });
      const r = await bash(stepsScript(blocks), env, 9 * 60_000);
      console.info(`tutorial step durations (s): ${JSON.stringify(stepSeconds(r.stderr))}`);
      const reached = [...r.stderr.matchAll(/::step (\d+)/g)].map((m) => Number(m[1])).at(-1) ?? 0;
      const done = r.stderr.includes('::done');
      const missing = NOT_YET.exec(r.stdout + r.stderr);
      if (!done && missing) {
        // Everything before the step that needs the missing job ran and succeeded; the rest cannot yet.
        expect(reached).toBeGreaterThan(3);
        expect(r.stdout).toMatch(/SUCCEEDED/);
        ctx.skip(
          `tutorial steps ${reached}–${blocks.length} need the runner's ${missing[1]} job, not implemented yet (steps 1–${reached - 1} passed)`,
        );
      }
      expect({
        code: r.code,
        done,
        stderr: r.stderr.slice(-3000),
        runner: (runner?.output() ?? '').slice(-2000),
      }).toMatchObject({ code: 0, done: true });
      expect(r.stdout).toContain('mean (SEM), n');
      expect(r.stdout).toContain('model_location,dataset,architecture,n_teachers');
    },
    10 * 60_000,
  );
});

describe('after the tutorial', () => {
  it('exports the per-sample softmax outputs a runner stored for a teacher', async () => {
    const teacher = await api.db.prisma.run.findFirst({
      where: { kind: 'TEACHER', status: 'SUCCEEDED' },
      include: { predictions: true },
    });
    expect(teacher, 'the tutorial trains teachers first').toBeTruthy();
    const stored = teacher!.predictions.find((p) => p.splitRole === 'TEST')!;
    const env = tempEnv({ DISTILLERY_API_URL: api.url });
    expect(
      (await cli(['login', '--email', DEMO_USER.email, '--password', DEMO_USER.password], env)).code,
    ).toBe(0);
    const r = await cli(['export', 'predictions', teacher!.id, '--split', 'test'], env);
    expect(r.code).toBe(0);
    const rows = parseCsvObjects(r.stdout);
    expect(rows).toHaveLength(stored.samples);
    expect(Object.keys(rows[0]!)).toEqual([
      'run_id',
      'checkpoint_id',
      'split_role',
      'sample',
      'predicted',
      ...Array.from({ length: 10 }, (_, c) => `p_${c}`),
    ]);
    const stride = Math.max(1, Math.floor(rows.length / 500));
    for (let i = 0; i < rows.length; i += stride) {
      const probs = Array.from({ length: 10 }, (_, c) => Number(rows[i]![`p_${c}`]));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(rows[i]!.predicted).toBe(String(probs.indexOf(Math.max(...probs))));
    }
    // The exported floats are the stored ones, bit for bit.
    const first = new DataView(
      stored.probs.buffer,
      stored.probs.byteOffset,
      stored.probs.byteLength,
    ).getFloat32(0, true);
    expect(Number(rows[0]!.p_0)).toBe(first);
  });

  it('shows the evaluated ensemble by its run id, per fusion rule', async () => {
    const run = await api.db.prisma.run.findFirst({ where: { kind: 'ENSEMBLE_EVAL', status: 'SUCCEEDED' } });
    expect(run, 'the tutorial evaluates an ensemble').toBeTruthy();
    const env = tempEnv({ DISTILLERY_API_URL: api.url });
    expect(
      (await cli(['login', '--email', DEMO_USER.email, '--password', DEMO_USER.password], env)).code,
    ).toBe(0);
    const rows = json<{ rule: string; splitRole: string; accuracy: number }[]>(
      await cli(['ensemble', 'show', run!.id, '--json'], env),
    );
    expect(new Set(rows.map((r) => r.rule))).toEqual(new Set(['mean', 'plurality', 'borda']));
    for (const r of rows) expect(r.accuracy).toBeGreaterThan(0.1);
    const table = await cli(['ensemble', 'show', run!.id], env);
    expect(table.stdout).toMatch(/│ mean +│ TEST/);
  });
});

describe('README script example', () => {
  it('runs with tsx against the API', async () => {
    const [script] = extractBlocks(readReadme(REPO_ROOT), 'script', 'ts');
    expect(script).toContain('metricLogger');
    const env = tempEnv({ DISTILLERY_API_URL: api.url });
    const login = await cli(['login', '--email', DEMO_USER.email, '--password', DEMO_USER.password], env);
    expect(login, login.stderr).toMatchObject({ code: 0 });
    // Inside node_modules (ignored by git) so that `@distillery/client` resolves from the workspace.
    const dir = join(REPO_ROOT, 'node_modules', '.cache', 'distillery-readme');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `script-${process.pid}.mts`);
    writeFileSync(file, script!);
    try {
      const r = await bash(`${join(REPO_ROOT, 'node_modules', '.bin', 'tsx')} ${file}`, env, 120_000);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('groups');
    } finally {
      rmSync(file, { force: true });
    }
    const run = await api.db.prisma.run.findFirstOrThrow({ where: { name: 'notebook run' } });
    expect(await api.db.prisma.metricPoint.count({ where: { runId: run.id, key: 'loss' } })).toBe(1000);
  });
});
