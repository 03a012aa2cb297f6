// Issue 16, done-when: a folder task with no preset (smoke-style, camera images) is imported, split,
// trains teachers, distils a student, which is exported in both formats (loaded back by tfjs from its
// download URL, read and run by Debian's python3 + numpy), queued for batch prediction, promoted, and
// classifies an image through the serving process; an ensemble of the teachers is served by rule.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildServer } from '@distillery/api';
import { cli, json, tempEnv } from '@distillery/cli/testing';
import { decodeImage, initBackend, listArchitectures } from '@distillery/ml';
import { createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { smokePng, writeSmokeFolder } from './fixtures.ts';
import { spawnEntry, type Child } from './processes.ts';

const root = mkdtempSync(join(tmpdir(), 'models-e2e-'));
const datasets = join(root, 'datasets');
const store = join(root, 'artifacts');
const SIZE = 16;
let api: TestApi;
let user: TestUser;
let env: NodeJS.ProcessEnv;
const children: Child[] = [];

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
  await writeSmokeFolder(join(datasets, 'smoke'), {
    size: SIZE,
    trainCameras: 4,
    testCameras: 2,
    perCamera: 12,
  });
  api = await startTestApi(buildServer, {
    architectures: listArchitectures(),
    server: { datasetRoots: [datasets], artifactStore: { kind: 'local', root: store } },
  });
  user = await createTestUser(api, 'models');
  env = tempEnv({
    DISTILLERY_API_URL: api.url,
    DISTILLERY_TOKEN: user.token,
    DISTILLERY_PROJECT: user.projectSlug,
  });
  const runner = spawnEntry(
    'apps/runner/src/main.ts',
    {
      DATABASE_URL: api.db.url,
      ARTIFACT_STORE: store,
      DISTILLERY_DATASET_ROOTS: datasets,
      RUNNER_ID: 'models-e2e',
      RUNNER_POLL_MS: '200',
      RUNNER_GPU_ALLOW_CPU: 'true',
    },
    /ready/,
  );
  children.push(runner);
  await runner.ready;
}, 180_000);
afterAll(async () => {
  for (const c of children) await c.stop();
  await api?.close();
});

async function data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await api.gql<T>(query, variables, user.token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

async function finished(runIds: string[]): Promise<void> {
  for (const id of runIds) {
    const end = Date.now() + 300_000;
    let run: { status: string; failureReason: string | null };
    for (;;) {
      ({ run } = await data<{ run: { status: string; failureReason: string | null } }>(
        `query($id: ID!) { run(id: $id) { status failureReason } }`,
        { id },
      ));
      if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(run.status) || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(run, `run ${id}`).toEqual({ status: 'SUCCEEDED', failureReason: null });
  }
}

type Artifact = {
  kind: string;
  downloadUrl: string;
  files: { path: string; downloadUrl: string; sha256: string }[];
};

/** The pixels the serving process feeds the model for a PNG, and tfjs's answer on them. */
async function tfjsAnswer(model: tf.LayersModel, png: Buffer): Promise<number[]> {
  const px = await decodeImage(png, [SIZE, SIZE, 3]);
  return Array.from(
    (model.predict(tf.tensor4d(Float32Array.from(px), [1, SIZE, SIZE, 3])) as tf.Tensor).dataSync(),
  );
}

const shared = {
  splitId: '',
  teacherRunIds: [] as string[],
  studentId: '',
  studentRunId: '',
  ensembleId: '',
};

describe('an image folder task without a preset, end to end', () => {
  it('imports, splits, trains two teachers and distils a student', async () => {
    const imported = await cli(
      [
        'datasets',
        'import',
        join(datasets, 'smoke'),
        '--shape',
        `${SIZE}x${SIZE}x3`,
        // Each camera is a group: no camera may sit in two roles (as one aircraft in corrosion data).
        '--group-pattern',
        '/(cam\\d+)_',
        '--json',
      ],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    const [ds] =
      json<{ id: string; preset: string | null; classNames: string[]; trainCount: number }[]>(imported);
    expect(ds).toMatchObject({ preset: null, classNames: ['clear', 'smoke'], trainCount: 96 });
    const split = await cli(
      ['split', ds!.id, '--method', 'group', '--val-fraction', '0.25', '--seed', '3', '-q'],
      env,
    );
    expect(split.code, split.stderr).toBe(0);
    shared.splitId = split.stdout.trim();
    const made = await data<{ dataset: { groupCount: number }; split: { method: string; valCount: number } }>(
      `query($d: ID!, $s: ID!) { dataset(id: $d) { groupCount } split(id: $s) { method valCount } }`,
      { d: ds!.id, s: shared.splitId },
    );
    // 4 train cameras + 2 test cameras; a quarter of the train cameras (one, 24 frames) validates.
    expect(made).toEqual({ dataset: { groupCount: 6 }, split: { method: 'GROUP', valCount: 24 } });
    const { trainTeachers } = await data<{ trainTeachers: { id: string }[] }>(
      `mutation($i: TrainTeachersInput!) { trainTeachers(input: $i) { id } }`,
      { i: { splitId: shared.splitId, architectureKey: 'test', seeds: [1, 2], epochs: 3 } },
    );
    shared.teacherRunIds = trainTeachers.map((r) => r.id);
    await finished(shared.teacherRunIds);
    const { teachers } = await data<{ teachers: { id: string }[] }>(
      `query($p: ID!) { teachers(projectId: $p) { id } }`,
      { p: user.projectId },
    );
    const { distillStudent } = await data<{ distillStudent: { id: string; student: { id: string } } }>(
      `mutation($i: DistillStudentInput!) { distillStudent(input: $i) { id student { id } } }`,
      {
        i: {
          teacherIds: teachers.map((t) => t.id),
          mode: 'OUTPUT_AVG',
          alpha: 0.5,
          architectureKey: 'test',
          epochs: 3,
        },
      },
    );
    shared.studentRunId = distillStudent.id;
    shared.studentId = distillStudent.student.id;
    const { evaluateEnsemble } = await data<{ evaluateEnsemble: { id: string; runId: string } }>(
      `mutation($i: EvaluateEnsembleInput!) { evaluateEnsemble(input: $i) { id runId } }`,
      { i: { name: 'two', teacherIds: teachers.map((t) => t.id), rules: ['PLURALITY', 'MEAN'] } },
    );
    shared.ensembleId = evaluateEnsemble.id;
    await finished([distillStudent.id, evaluateEnsemble.runId]);
  }, 600_000);

  it('exports the student: tf.loadLayersModel reads its download URL, python3 + numpy run its safetensors', async () => {
    const { student } = await data<{
      student: { artifacts: Artifact[]; run: { summary: { test_accuracy: number } } };
    }>(
      `query($id: ID!) { student(id: $id) { run { summary } artifacts { kind downloadUrl files { path downloadUrl sha256 } } } }`,
      { id: shared.studentId },
    );
    expect(student.artifacts.map((a) => a.kind)).toEqual(['CHECKPOINT', 'TFJS_MODEL', 'SAFETENSORS']);
    const tfjs = student.artifacts.find((a) => a.kind === 'TFJS_MODEL')!;
    const model = await tf.loadLayersModel(tfjs.downloadUrl, {
      requestInit: { headers: { authorization: `Bearer ${user.token}` } },
    });
    const png = await smokePng(SIZE, true, 9999);
    const probs = await tfjsAnswer(model, png);
    expect(probs[0]! + probs[1]!).toBeCloseTo(1, 5);

    const out = join(root, 'download');
    const dl = await cli(['models', 'download', shared.studentId, '--format', 'all', '--out', out], env);
    expect(dl.code, dl.stderr).toBe(0);
    const names = dl.stdout
      .trim()
      .split('\n')
      .map((p) => p.slice(out.length + 1))
      .sort();
    expect(names).toEqual([
      expect.stringMatching(/^final-\d+$/),
      'group1-shard1of1.bin',
      'model.json',
      'model.safetensors',
    ]);
    const px = await decodeImage(png, [SIZE, SIZE, 3]);
    writeFileSync(join(root, 'x.f32'), new Uint8Array(Float32Array.from(px).buffer));
    const script = fileURLToPath(
      new URL('../../packages/ml/src/export/testdata/forward_test_cnn.py', import.meta.url),
    );
    const py = spawnSync('/usr/bin/python3', [script, join(out, 'model.safetensors'), join(root, 'x.f32')], {
      encoding: 'utf8',
    });
    expect(py.stderr).toBe('');
    const res = JSON.parse(py.stdout) as { metadata: Record<string, string>; probabilities: number[][] };
    expect(JSON.parse(res.metadata.class_names!)).toEqual(['clear', 'smoke']);
    res.probabilities[0]!.forEach((p, i) => expect(p).toBeCloseTo(probs[i]!, 4));
  }, 120_000);

  it('queues batch prediction through the predict mutation, stored like other predictions', async () => {
    const r = await cli(
      ['predict', shared.studentRunId, '--split', shared.splitId, '--role', 'test', '-q'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const runId = r.stdout.trim();
    await finished([runId]);
    const { run } = await data<{
      run: {
        kind: string;
        summary: { test_accuracy: number };
        predictions: { samples: number; accuracy: number }[];
      };
    }>(
      `query($id: ID!) { run(id: $id) { kind summary predictions(splitRole: TEST) { samples accuracy } } }`,
      { id: runId },
    );
    const { run: student } = await data<{ run: { summary: { test_accuracy: number } } }>(
      `query($id: ID!) { run(id: $id) { summary } }`,
      { id: shared.studentRunId },
    );
    expect(run.kind).toBe('PREDICT');
    expect(run.predictions).toHaveLength(1);
    expect(run.predictions[0]!.samples).toBe(48);
    // Same weights, same test images: the accuracy the student's own run recorded.
    expect(run.predictions[0]!.accuracy).toBeCloseTo(student.summary.test_accuracy, 6);
  }, 300_000);

  it('promotes the student and its ensemble, and the serving process answers name@stage', async () => {
    const promoted = await cli(
      ['models', 'promote', shared.studentId, '--name', 'smoke', '--stage', 'production', '-q'],
      env,
    );
    expect([promoted.code, promoted.stdout.trim()]).toEqual([0, 'smoke@1']);
    const ens = await cli(
      ['models', 'promote', shared.ensembleId, '--ensemble', '--name', 'smoke-vote', '--rule', 'plurality'],
      env,
    );
    expect(ens.code, ens.stderr).toBe(0);
    const serve = spawnEntry(
      'apps/runner/src/serve/main.ts',
      { DATABASE_URL: api.db.url, ARTIFACT_STORE: store, SERVE_PORT: '0' },
      /ready at (\S+)/,
    );
    children.push(serve);
    const base = (await serve.ready)[1]!;
    const auth = { authorization: `Bearer ${user.token}` };
    const png = await smokePng(SIZE, true, 4242);
    const url = (ref: string) => `${base}/v1/projects/${user.projectSlug}/models/${ref}:predict`;
    const res = await fetch(url('smoke@production'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/png' },
      body: png,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      model: { name: string; version: number; stage: string };
      classNames: string[];
      predictions: { class: string; probabilities: number[] }[];
    };
    expect(body.model).toMatchObject({ name: 'smoke', version: 1, stage: 'PRODUCTION' });
    expect(body.classNames).toEqual(['clear', 'smoke']);
    const { student } = await data<{ student: { artifacts: Artifact[] } }>(
      `query($id: ID!) { student(id: $id) { artifacts { kind downloadUrl files { path downloadUrl sha256 } } } }`,
      { id: shared.studentId },
    );
    const model = await tf.loadLayersModel(
      student.artifacts.find((a) => a.kind === 'TFJS_MODEL')!.downloadUrl,
      {
        requestInit: { headers: auth },
      },
    );
    const expected = await tfjsAnswer(model, png);
    body.predictions[0]!.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 5));
    const batch = await fetch(url('smoke'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        instances: [png, await smokePng(SIZE, false, 7)].map((b) => ({ b64: b.toString('base64') })),
      }),
    });
    expect(((await batch.json()) as { predictions: unknown[] }).predictions).toHaveLength(2);
    const vote = await fetch(url('smoke-vote@staging'), {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/png' },
      body: png,
    });
    const voted = (await vote.json()) as {
      model: { rule: string };
      predictions: { class: string; probabilities: null }[];
    };
    expect(voted.model.rule).toBe('plurality');
    expect(['clear', 'smoke']).toContain(voted.predictions[0]!.class);
    expect(voted.predictions[0]!.probabilities).toBeNull();
    const codes = await Promise.all([
      fetch(url('smoke@production'), { method: 'POST', body: png }).then((r) => r.status),
      fetch(url('smoke@staging'), { method: 'POST', headers: auth, body: png }).then((r) => r.status),
      fetch(url('smoke@production'), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'image/png' },
        body: Buffer.from('not an image'),
      }).then((r) => r.status),
    ]);
    expect(codes).toEqual([401, 404, 400]);
  }, 300_000);
});
