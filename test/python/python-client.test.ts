// The Python client (clients/python) against the real stack: this file starts the API over a fresh
// PostgreSQL database, a runner process, and a loopback control endpoint that stops and starts the API;
// then runs `python3 -m pytest clients/python/tests` with the URL and a token in the environment and
// asserts on pytest's JUnit report. It also compares the Python results table with the TypeScript
// client's, and runs the README's Python snippet with the package pip-installed into a fresh venv.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CreateSplitDocument,
  RegisterDatasetDocument,
  ResultsTableDocument,
  type ResultGroupField,
} from '@distillery/client';
import { buildServer } from '@distillery/api';
import { cli, extractBlocks, readReadme, REPO_ROOT, tempEnv } from '@distillery/cli/testing';
import { DEMO_USER, seedDemo } from '@distillery/db/seed';
import { Prng } from '@distillery/domain';
import { listArchitectures, loadDataset } from '@distillery/ml';
import { createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';

/** The Debian interpreter, which has python3-pytest, -requests, -websockets, -pandas, -yaml and -torch. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

let api: TestApi;
let user: TestUser;
let control: Server;
let controlUrl = '';
let runner: ReturnType<typeof spawn> | undefined;
let runnerLog = '';
const work = mkdtempSync(join(tmpdir(), 'distillery-python-'));
let splitId = '';

function run(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number },
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** 1,500 train and 300 val samples of MNIST's 60,000 (the rest unused), so a teacher trains in seconds. */
function smallAssignment(): Uint8Array {
  const a = new Uint8Array(60000).fill(3);
  const perm = new Prng(5).permutation(60000);
  for (let i = 0; i < 1800; i++) a[perm[i]!] = i < 1500 ? 0 : 1;
  return a;
}

beforeAll(async () => {
  api = await startTestApi(buildServer, { architectures: listArchitectures() });
  await seedDemo(api.db.prisma);
  user = await createTestUser(api, 'py');
  // The control endpoint pytest calls to take the API down and bring it back on the same port.
  control = createServer((req, res) => {
    const action = req.url === '/stop' ? api.stop() : req.url === '/start' ? api.start() : undefined;
    if (!action) return void res.writeHead(404).end('{}');
    action.then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
      (e: unknown) => res.writeHead(500).end(JSON.stringify({ error: String(e) })),
    );
  });
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  controlUrl = `http://127.0.0.1:${(control.address() as { port: number }).port}`;

  const ds = await loadDataset('mnist');
  const hash = createHash('sha256');
  for (const part of [ds.train, ds.test]) hash.update(part.images).update(new Uint8Array(part.labels.buffer));
  const { registerDataset } = await user.client.request(RegisterDatasetDocument, {
    input: {
      projectId: user.projectId,
      name: 'mnist',
      preset: 'mnist',
      source: 'MNIST',
      contentHash: hash.digest('hex'),
    },
  });
  const { createSplit } = await user.client.request(CreateSplitDocument, {
    input: {
      datasetId: registerDataset.id,
      seed: 5,
      valFraction: 0.005,
      assignmentBase64: Buffer.from(smallAssignment()).toString('base64'),
    },
  });
  splitId = createSplit.id;
  runner = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'apps/runner/src/main.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: api.db.url,
      ARTIFACT_STORE: join(work, 'artifacts'),
      DISTILLERY_DATA_DIR: join(work, 'data'),
      RUNNER_ID: 'python-test',
      RUNNER_CONCURRENCY: '1',
      RUNNER_POLL_MS: '200',
      RUNNER_GPU_ALLOW_CPU: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  runner.stdout!.on('data', (d: Buffer) => (runnerLog += d.toString()));
  runner.stderr!.on('data', (d: Buffer) => (runnerLog += d.toString()));
});

afterAll(async () => {
  if (runner && runner.exitCode === null) {
    const exited = new Promise((r) => runner!.once('exit', r));
    runner.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (runner.exitCode === null) runner.kill('SIGKILL');
  }
  await new Promise((r) => control?.close(r));
  await user?.client.close();
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Counts of a JUnit XML report (pytest --junitxml). */
function junitCounts(xml: string): Record<'tests' | 'failures' | 'errors' | 'skipped', number> {
  const suite = /<testsuite\b([^>]*)>/.exec(xml)?.[1] ?? '';
  const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? NaN);
  return {
    tests: attr('tests'),
    failures: attr('failures'),
    errors: attr('errors'),
    skipped: attr('skipped'),
  };
}

describe('Python client against the real API', () => {
  it(
    'passes its pytest suite: 10,000 points and a live follower across API restarts, a teacher followed to SUCCEEDED, typed errors',
    async () => {
      const out = join(work, 'out');
      const report = join(work, 'pytest.xml');
      mkdirSync(out, { recursive: true });
      const r = await run(
        PYTHON,
        ['-m', 'pytest', 'clients/python/tests', '-p', 'no:cacheprovider', '-q', `--junitxml=${report}`],
        {
          env: {
            DISTILLERY_API_URL: api.url,
            DISTILLERY_TOKEN: user.token,
            DISTILLERY_PROJECT: user.projectSlug,
            DISTILLERY_TEST_CONTROL_URL: controlUrl,
            DISTILLERY_TEST_SPLIT: splitId,
            DISTILLERY_TEST_OUT: out,
            // A login file elsewhere must not leak in: the environment is what these tests use.
            XDG_CONFIG_HOME: join(work, 'config'),
          },
          timeoutMs: 12 * 60_000,
        },
      );
      const counts = existsSync(report) ? junitCounts(readFileSync(report, 'utf8')) : undefined;
      expect(
        { code: r.code, counts },
        `${r.stdout.slice(-6000)}\n${r.stderr.slice(-3000)}\nrunner: ${runnerLog.slice(-2000)}`,
      ).toMatchObject({ code: 0, counts: { failures: 0, errors: 0, skipped: 0 } });
      expect(counts!.tests).toBeGreaterThanOrEqual(25);

      // All 10,000 points of the restart test are in the database, each (key, step) once.
      const { runId } = JSON.parse(readFileSync(join(out, 'restart.json'), 'utf8')) as { runId: string };
      expect(await api.db.prisma.metricPoint.count({ where: { runId } })).toBe(10_000);
      const teacher = JSON.parse(readFileSync(join(out, 'teacher.json'), 'utf8')) as { runId: string };
      expect((await api.db.prisma.run.findUniqueOrThrow({ where: { id: teacher.runId } })).status).toBe(
        'SUCCEEDED',
      );

      // The results table the Python client read equals the TypeScript client's for the same query.
      const py = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
        metric: string;
        groupBy: ResultGroupField[];
        rows: { kind: string; mean: number; sem: number | null; n: number; min: number; max: number }[];
      };
      const { resultsTable } = await user.client.request(ResultsTableDocument, {
        projectId: user.projectId,
        metric: py.metric,
        groupBy: py.groupBy,
        kinds: ['BASELINE', 'STUDENT'],
      });
      expect(resultsTable.rows.length).toBeGreaterThan(0);
      expect(
        py.rows.map(({ kind, mean, sem, n, min, max }) => ({
          group: { KIND: kind },
          mean,
          sem,
          n,
          min,
          max,
        })),
      ).toEqual(resultsTable.rows);
    },
    15 * 60_000,
  );
});

describe('README Python section', () => {
  it(
    'runs with the package pip-installed into a fresh venv, using the stored CLI login',
    async () => {
      const [snippet] = extractBlocks(readReadme(REPO_ROOT), 'python', 'python');
      expect(snippet).toContain('distillery.init');
      const venv = join(work, 'venv');
      const made = await run(PYTHON, ['-m', 'venv', '--system-site-packages', venv], { timeoutMs: 120_000 });
      expect(made, made.stderr).toMatchObject({ code: 0 });
      // The install command the README documents, offline: the build uses Debian's setuptools.
      const pip = await run(
        join(venv, 'bin', 'pip'),
        ['install', '--no-build-isolation', '--no-index', '--quiet', './clients/python'],
        { timeoutMs: 180_000 },
      );
      // pip builds in the tree; leave the checkout as it was.
      for (const dir of ['build', 'src/distillery.egg-info'])
        rmSync(join(REPO_ROOT, 'clients/python', dir), { recursive: true, force: true });
      expect(pip, pip.stderr).toMatchObject({ code: 0 });
      const env = tempEnv({ DISTILLERY_API_URL: api.url });
      const login = await cli(['login', '--email', DEMO_USER.email, '--password', DEMO_USER.password], env);
      expect(login, login.stderr).toMatchObject({ code: 0 });
      const file = join(work, 'readme_snippet.py');
      writeFileSync(file, snippet!);
      // Outside the repository, so `import distillery` finds the installed package, not the source tree.
      const r = await run(join(venv, 'bin', 'python'), [file], {
        cwd: work,
        env: {
          HOME: env.HOME,
          XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
          DISTILLERY_API_URL: '',
          DISTILLERY_TOKEN: '',
        },
        timeoutMs: 120_000,
      });
      expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(r.stdout).toMatch(/\d+ runs; 1000 points; 91\.00 \(–\), 1/);
      const stored = await api.db.prisma.run.findFirstOrThrow({ where: { name: 'notebook run (python)' } });
      expect(stored.status).toBe('SUCCEEDED');
      expect(await api.db.prisma.metricPoint.count({ where: { runId: stored.id, key: 'loss' } })).toBe(1000);
      const installed = await run(
        join(venv, 'bin', 'python'),
        ['-c', 'import distillery, os; print(os.path.dirname(distillery.__file__))'],
        { cwd: work, timeoutMs: 30_000 },
      );
      expect(installed.stdout.trim().startsWith(venv)).toBe(true);
    },
    6 * 60_000,
  );
});
