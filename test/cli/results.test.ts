// results table, experiment launch, ensemble/baseline/distill and every export, against the real API.
// Outcomes are reported through the API's runner mutations (see actAsRunner), so the tables and
// registries below aggregate exactly the values reported here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  parseCsvObjects,
  EXIT,
  STUDENT_COLUMNS,
  TEACHER_COLUMNS,
  cli,
  json,
  tempEnv,
} from '@distillery/cli/testing';
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
const studentAcc = { mimic_all: [0.81, 0.83, 0.82], output_avg: [0.8] };

const teacherSummary = (i: number) => ({
  loss: 0.3 + i / 100,
  accuracy: 0.9,
  val_loss: 0.35,
  val_accuracy: 0.88,
  test_loss: 0.36,
  test_accuracy: 0.87 + i / 100,
});

/** What a finished teacher job leaves and an ensemble fuses: a FINAL checkpoint with TEST predictions. */
async function storeTestPredictions(runId: string): Promise<void> {
  const teacher = await api.db.prisma.teacher.findFirstOrThrow({ where: { runId } });
  const cp = await api.db.prisma.checkpoint.create({
    data: { runId, teacherId: teacher.id, kind: 'FINAL', epoch: 1, step: 1 },
  });
  await api.db.prisma.prediction.create({
    data: {
      runId,
      checkpointId: cp.id,
      splitId,
      splitRole: 'TEST',
      samples: 1,
      classes: 10,
      probs: new Uint8Array(40),
      probsHash: 'h',
    },
  });
}

beforeAll(async () => {
  api = await startTestApi(buildServer, { architectures: listArchitectures() });
  user = await createTestUser(api, 'results');
  env = tempEnv({ DISTILLERY_API_URL: api.url, DISTILLERY_TOKEN: user.token });
  runner = await actAsRunner(api.url, user.token, user.projectId);
  await user.client.request(RegisterDatasetDocument, {
    input: { projectId: user.projectId, name: 'mnist', preset: 'mnist', contentHash: 'b'.repeat(64) },
  });
  splitId = (await cli(['split', 'mnist', '-q'], env)).stdout.trim();
  await cli(['subsets', splitId, '--fractions', '0.6', '--seeds', '1,2'], env);
  teacherRuns = (
    await cli(
      ['teachers', 'train', splitId, '--fraction', '0.6', '--arch', 'test', '--epochs', '1', '-q'],
      env,
    )
  ).stdout
    .trim()
    .split('\n');
  const attempt = await runner.claim(teacherRuns[0]!);
  const logger = runner.client.metricLogger(teacherRuns[0]!, { attempt, runnerId: runner.runnerId });
  for (let step = 0; step < 5; step++) await logger.log({ loss: 1 - step / 10 }, step);
  await logger.close();
  await runner.finish(teacherRuns[0]!, attempt, 'SUCCEEDED', teacherSummary(0));
  await runner.complete(teacherRuns[1]!, teacherSummary(1));
  for (const runId of teacherRuns) await storeTestPredictions(runId);
  for (const [mode, accs] of Object.entries(studentAcc)) {
    for (const [seed, acc] of accs.entries()) {
      const r = await cli(
        [
          'distill',
          '--teachers',
          ...teacherRuns,
          '--mode',
          mode,
          '--alpha',
          '0.5',
          '--arch',
          'test',
          '--seed',
          String(seed),
          '-q',
        ],
        env,
      );
      expect(r.stderr).toBe('');
      await runner.complete(r.stdout.trim(), {
        loss: 0.5,
        accuracy: 0.8,
        val_loss: 0.6,
        val_accuracy: 0.79,
        test_loss: 0.61,
        test_accuracy: acc,
      });
    }
  }
});
afterAll(async () => {
  await runner?.client.close();
  await user?.client.close();
  await api?.close();
});

describe('results table', () => {
  it('prints the thesis table: mean (SEM), n per teacher count, p and mode', async () => {
    const r = await cli(['results', 'table'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test_accuracy (%): mean (SEM), n');
    expect(r.stdout).toContain('teacher_count = 2');
    // mimic_all: mean 82.00, sd 1.00 → SEM 1/√3 = 0.58 (percent points); output_avg has one run (no SEM).
    expect(r.stdout).toMatch(/│ 0\.6 +│ 82\.00 \(0\.58\), 3 │ 80\.00 \(–\), 1 │/);
    const rows = json<{ group: Record<string, unknown>; mean: number; sem: number | null; n: number }[]>(
      await cli(['results', 'table', '--json'], env),
    );
    const mimic = rows.find((x) => x.group.MODE === 'MIMIC_ALL')!;
    expect(mimic).toMatchObject({ n: 3, group: { TEACHER_COUNT: 2, FRACTION: 0.6 } });
    expect(mimic.mean).toBeCloseTo(0.82, 10);
    expect(mimic.sem).toBeCloseTo(0.01 / Math.sqrt(3), 10);
    const flat = await cli(
      ['results', 'table', '--kinds', 'teacher', '--group-by', 'fraction', '--no-percent'],
      env,
    );
    expect(flat.stdout).toContain('0.88 (0.01), 2');
    const bad = await cli(['results', 'table', '--group-by', 'colour'], env);
    expect(bad.code).toBe(EXIT.USAGE);
  });
});

describe('original registries', () => {
  it('writes teachers.csv and students.csv with the original columns, tokens and joinable uuids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registries-'));
    expect((await cli(['export', 'teachers-csv', '--out', join(dir, 'teachers.csv')], env)).code).toBe(0);
    const tcsv = (await cli(['export', 'teachers-csv'], env)).stdout;
    expect(tcsv.split('\n')[0]).toBe(TEACHER_COLUMNS.join(','));
    const teachers = parseCsvObjects(tcsv);
    expect(teachers).toHaveLength(2);
    for (const t of teachers) {
      expect(t).toMatchObject({
        dataset: 'mnist',
        architecture: 'test',
        fraction: '06',
        val_accuracy: '0.88',
      });
      expect(t.uuid).toMatch(/^[0-9a-f]{32}$/);
      expect(t.model_location).toBe(`models/mnist/teachers/test_06_${t.uuid}`);
    }
    expect(teachers.map((t) => Number(t.test_accuracy)).sort()).toEqual([0.87, 0.88]);
    expect(teachers.map((t) => Number(t.train_loss)).sort()).toEqual([0.3, 0.31]);

    const scsv = (await cli(['export', 'students-csv', '--models-dir', '/data/models'], env)).stdout;
    expect(scsv.split('\n')[0]).toBe(STUDENT_COLUMNS.join(','));
    const students = parseCsvObjects(scsv);
    expect(students).toHaveLength(4);
    const teacherUuids = teachers.map((t) => t.uuid).sort();
    for (const s of students) {
      expect(s).toMatchObject({
        dataset: 'mnist',
        architecture: 'test',
        n_teachers: '2',
        teachers_fraction: '0.6',
        alpha: '0.5',
        temperature: '1',
        test_loss: '0.61',
      });
      expect(s.teachers_uuid!.split(':').sort()).toEqual(teacherUuids);
      expect(s.model_location).toBe(`/data/models/mnist/students/${s.mode}_test_0.6_2_${s.uuid}`);
    }
    expect(
      students
        .filter((s) => s.mode === 'mimic_all')
        .map((s) => Number(s.test_accuracy))
        .sort(),
    ).toEqual(studentAcc.mimic_all.sort());
  });
});

describe('exports', () => {
  it('exports runs as CSV and JSON with params and summary flattened, and metrics in long form', async () => {
    const runs = json<Record<string, unknown>[]>(
      await cli(['export', 'runs', '--kind', 'student', '--json'], env),
    );
    expect(runs).toHaveLength(4);
    expect(runs[0]).toHaveProperty('summary.test_accuracy');
    expect(runs[0]).toHaveProperty('params.mode');
    const csv = parseCsvObjects((await cli(['export', 'runs', '--format', 'csv'], env)).stdout);
    expect(csv).toHaveLength(6);
    expect(
      csv
        .filter((r) => r.kind === 'TEACHER')
        .map((r) => r['summary.test_accuracy'])
        .sort(),
    ).toEqual(['0.87', '0.88']);
    const metrics = parseCsvObjects((await cli(['export', 'metrics', teacherRuns[0]!], env)).stdout);
    expect(metrics.map((m) => [m.key, m.step, m.value])).toEqual(
      [0, 1, 2, 3, 4].map((s) => ['loss', String(s), String(1 - s / 10)]),
    );
    // Predictions are stored by the runner (see tutorial.test.ts for real ones); here one stand-in row.
    const pred = await cli(['export', 'predictions', teacherRuns[0]!], env);
    expect(pred.stderr).toBe('');
    expect(parseCsvObjects(pred.stdout)).toHaveLength(1);
    const student = csv.find((r) => r.kind === 'STUDENT')!.id!;
    const none = await cli(['export', 'predictions', student], env);
    expect(none.code).toBe(EXIT.NOT_FOUND);
    expect(none.stderr).toBe(`error [NOT_FOUND]: run ${student} has no stored predictions\n`);
    expect((await cli(['export', 'predictions', teacherRuns[0]!, '--split', 'holdout'], env)).code).toBe(
      EXIT.USAGE,
    );
  });
});

describe('experiment launch, ensemble, baseline', () => {
  it('launches a validated plan and refuses an invalid one with line numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const plan = [
      'name: small grid',
      `split: ${splitId}`,
      'teacherArchitecture: test',
      'studentArchitecture: test',
      'fractions: [0.6]',
      'teacherCounts: [2]',
      'modes: [mimic_all]',
      'alphas: [0.5]',
      'repetitions: 1',
      'epochs: 1',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'plan.yaml'), plan);
    const dry = await cli(['experiment', 'launch', 'plan.yaml', '--dry-run'], env, { cwd: dir });
    expect(json(dry)).toMatchObject({ splitId, modes: ['MIMIC_ALL'] });
    const launched = await cli(['experiment', 'launch', 'plan.yaml', '--json'], env, { cwd: dir });
    expect(launched.code).toBe(0);
    const { experiment, runs } = json<{ experiment: string; runs: number }>(launched);
    expect(runs).toBeGreaterThan(0);
    const shown = json<unknown[]>(await cli(['experiment', 'show', experiment, '--json'], env));
    expect(shown).toHaveLength(runs);
    // The same grid from the 2..3 checkpoints of one snapshot teacher: 1 teacher, 1 ensemble, 1 student, 1 baseline, the plan run
    const snap = await cli(
      ['experiment', 'launch', 'plan.yaml', '--origin', 'snapshot', '--cycles', '3', '--json'],
      env,
      { cwd: dir },
    );
    expect(snap.code).toBe(0);
    expect(json<{ runs: number }>(snap).runs).toBe(5);
    const fge = await cli(['experiment', 'launch', 'plan.yaml', '--origin', 'fge'], env, { cwd: dir });
    expect(fge.code).toBe(EXIT.USAGE);
    expect(fge.stderr).toMatch(/input\.epochs: an FGE teacher needs an even number of epochs/);
    const bagged = await cli(['experiment', 'launch', 'plan.yaml', '--origin', 'bagged'], env, { cwd: dir });
    expect(bagged.code).toBe(EXIT.USAGE);
    expect(bagged.stderr).toMatch(/--origin must be one of independent, snapshot, fge, got "bagged"/);

    writeFileSync(
      join(dir, 'bad.yaml'),
      plan.replace('alphas: [0.5]', 'alphas: [0.5, 2]').replace('teacherCounts: [2]', 'teacherCount: [2]'),
    );
    const bad = await cli(['experiment', 'launch', 'bad.yaml'], env, { cwd: dir });
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toBe(
      'error [BAD_USER_INPUT]: bad.yaml is not a valid plan (3 problems):\n' +
        '  bad.yaml:1:1: teacherCounts: is required\n' +
        '  bad.yaml:6:1: teacherCount: unknown field "teacherCount"\n' +
        '  bad.yaml:8:15: alphas[1]: must be in [0, 1]\n',
    );
  });

  it('evaluates an ensemble and trains a baseline, printing their run ids', async () => {
    const ens = await cli(
      ['ensemble', 'evaluate', '--teachers', ...teacherRuns, '--rules', 'mean,plurality', '-q'],
      env,
    );
    expect(ens.stderr).toBe('');
    expect(ens.code).toBe(0);
    const show = json<{ kind: string; status: string }>(
      await cli(['runs', 'show', ens.stdout.trim(), '--json'], env),
    );
    expect(show).toMatchObject({ kind: 'ENSEMBLE_EVAL', status: 'QUEUED' });
    const base = await cli(['baseline', splitId, '--arch', 'test', '--epochs', '1', '--json'], env);
    expect(json<{ kind: string }[]>(base)[0]).toMatchObject({ kind: 'BASELINE' });
  });
});
