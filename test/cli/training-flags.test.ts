// The per-launch training switches and checkpoint members on the command line (issue 22): flags
// reach the API's TrainingOptionsInput (recorded in the run's params), bad values exit with USAGE
// before anything is sent, and students/ensembles take --checkpoints (ensembles also --ties).
import { cli, EXIT, json, tempEnv } from '@distillery/cli/testing';
import { buildServer } from '@distillery/api';
import { RegisterDatasetDocument } from '@distillery/client';
import { METHOD_TRAINING } from '@distillery/domain';
import { listArchitectures } from '@distillery/ml';
import { createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
let user: TestUser;
let env: NodeJS.ProcessEnv;
let splitId: string;

beforeAll(async () => {
  api = await startTestApi(buildServer, { architectures: listArchitectures() });
  user = await createTestUser(api, 'flags');
  env = tempEnv({ DISTILLERY_API_URL: api.url, DISTILLERY_TOKEN: user.token });
  await user.client.request(RegisterDatasetDocument, {
    input: { projectId: user.projectId, name: 'mnist', preset: 'mnist', contentHash: 'c'.repeat(64) },
  });
  splitId = (await cli(['split', 'mnist', '-q'], env)).stdout.trim();
});
afterAll(async () => {
  await user?.client.close();
  await api?.close();
});

const paramsOf = async (runId: string) =>
  (await api.db.prisma.run.findUniqueOrThrow({ where: { id: runId } })).params as Record<string, unknown>;

describe('training flags', () => {
  it('send what was typed, leave the rest to the method’s way, and refuse bad values with USAGE', async () => {
    const plain = await cli(['teachers', 'train', splitId, '--seeds', '1', '--arch', 'test', '-q'], env);
    expect(plain.stderr).toBe('');
    expect((await paramsOf(plain.stdout.trim())).training).toEqual(METHOD_TRAINING);
    const typed = await cli(
      [
        'teachers',
        'train',
        splitId,
        '--seeds',
        '2',
        '--arch',
        'test',
        '--no-augment',
        '--epoch-budget',
        'per_subset',
        '--patience',
        '4',
        '--restore-best',
        'always',
        '-q',
      ],
      env,
    );
    expect(typed.stderr).toBe('');
    expect((await paramsOf(typed.stdout.trim())).training).toEqual({
      augment: false,
      epochBudget: 'PER_SUBSET',
      patience: 4,
      restoreBest: 'ALWAYS',
    });
    const baseline = await cli(['baseline', splitId, '--arch', 'test', '--patience', '0', '-q'], env);
    expect((await paramsOf(baseline.stdout.trim())).training).toEqual({ ...METHOD_TRAINING, patience: 0 });
    const runs = await api.db.prisma.run.count();
    for (const bad of [
      ['--epoch-budget', 'weekly'],
      ['--restore-best', 'sometimes'],
      ['--patience', '-1'],
      ['--patience', '2.5'],
    ]) {
      const r = await cli(['teachers', 'train', splitId, '--seeds', '3', '--arch', 'test', ...bad], env);
      expect(r.code, bad.join(' ')).toBe(EXIT.USAGE);
      expect(r.stderr).toContain(bad[0]);
    }
    expect(await api.db.prisma.run.count()).toBe(runs);
  });

  it('distils from --checkpoints and evaluates them with --ties', async () => {
    const t = await cli(
      [
        'teachers',
        'train',
        splitId,
        '--seeds',
        '9',
        '--arch',
        'test',
        '--origin',
        'snapshot',
        '--cycles',
        '2',
        '--epochs',
        '2',
        '-q',
      ],
      env,
    );
    const runId = t.stdout.trim();
    const teacher = await api.db.prisma.teacher.findUniqueOrThrow({ where: { runId } });
    const ids: string[] = [];
    for (const cycle of [0, 1]) {
      const artifact = await api.db.prisma.artifact.create({
        data: {
          projectId: user.projectId,
          runId,
          kind: 'CHECKPOINT',
          name: `snapshot-${cycle}`,
          uri: `file:///nowhere/${cycle}`,
          sha256: 'd'.repeat(64),
          sizeBytes: 1n,
        },
      });
      const cp = await api.db.prisma.checkpoint.create({
        data: {
          runId,
          teacherId: teacher.id,
          kind: 'SNAPSHOT',
          epoch: cycle + 1,
          step: cycle + 1,
          cycle,
          artifactId: artifact.id,
        },
      });
      ids.push(cp.id);
    }
    const s = await cli(
      [
        'distill',
        '--checkpoints',
        ...ids,
        '--mode',
        'output_avg',
        '--alpha',
        '0.5',
        '--arch',
        'test',
        '--no-augment',
        '-q',
      ],
      env,
    );
    expect(s.stderr).toBe('');
    const params = await paramsOf(s.stdout.trim());
    expect(params).toMatchObject({
      checkpoints: 2,
      teachers: 2,
      training: { ...METHOD_TRAINING, augment: false },
    });
    const members = await api.db.prisma.studentTeacher.findMany({
      where: { student: { runId: s.stdout.trim() } },
      orderBy: { position: 'asc' },
    });
    expect(members.map((m) => m.checkpointId)).toEqual(ids);
    const neither = await cli(['distill', '--mode', 'output_avg', '--arch', 'test'], env);
    expect(neither.code).toBe(EXIT.USAGE);
    expect(neither.stderr).toContain('--teachers or --checkpoints');

    const e = json<{ ties: string }[]>(
      await cli(
        [
          'ensemble',
          'evaluate',
          '--checkpoints',
          ...ids,
          '--rules',
          'plurality',
          '--ties',
          'original',
          '--json',
        ],
        env,
      ),
    );
    expect(e[0]!.ties).toBe('ORIGINAL');
    const badTies = await cli(['ensemble', 'evaluate', '--checkpoints', ...ids, '--ties', 'coin'], env);
    expect(badTies.code).toBe(EXIT.USAGE);
  });
});
