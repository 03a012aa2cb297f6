// infra/slurm/runner-array.sbatch run as Slurm runs it: the batch script alone, with the SLURM_*
// variables of one array task, a real runner against PostgreSQL, and Slurm's TERM sent to the batch
// shell only (`--signal=B:TERM@…`): the runner must get it, stop cleanly, and the script exit 0.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '@distillery/db/embedded';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';

import { INFRA, ROOT } from './infra-files.ts';

const file = join(INFRA, 'slurm', 'runner-array.sbatch');
const text = readFileSync(file, 'utf8');
const directives = new Map([...text.matchAll(/^#SBATCH --([a-z-]+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]));

let db: TestDatabase;
let data: string;
beforeAll(async () => {
  db = await createTestDatabase();
  data = mkdtempSync(join(tmpdir(), 'distillery-slurm-'));
});
afterAll(async () => {
  rmSync(data, { recursive: true, force: true });
  await db.drop();
});

describe('infra/slurm/runner-array.sbatch', () => {
  it('is an array job with one GPU per task, TERM to the batch shell before the limit, a log Slurm can open', () => {
    expect(directives.get('array')).toMatch(/^\d+-\d+$/);
    expect(directives.get('gres')).toBe('gpu:1');
    expect(directives.get('signal')).toMatch(/^B:TERM@\d+$/);
    expect(directives.get('time')).toBeDefined();
    // Slurm opens --output before the script runs: a folder in its path would have to exist already.
    expect(directives.get('output')).not.toContain('/');
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);
  });

  it('stops with one line when DATABASE_URL is missing', () => {
    const res = spawnSync('bash', [file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, SLURM_SUBMIT_DIR: ROOT },
    });
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/DATABASE_URL/);
  });

  it('runs a runner named after the array task and forwards TERM to it', async () => {
    const port = await freePort();
    const job = spawn('bash', [file], {
      env: {
        ...process.env,
        SLURM_SUBMIT_DIR: ROOT,
        SLURM_ARRAY_JOB_ID: '4242',
        SLURM_ARRAY_TASK_ID: '3',
        DATABASE_URL: db.appUrl,
        DISTILLERY_DATA_DIR: data,
        RUNNER_QUEUES: 'cpu',
        RUNNER_HEALTH_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    job.stdout.on('data', (d: Buffer) => (printed += d.toString()));
    job.stderr.on('data', (d: Buffer) => (printed += d.toString()));
    const exited = new Promise<number | null>((r) => job.once('exit', (code) => r(code)));
    const health = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
    const deadline = Date.now() + 60_000;
    while ((await health()) !== 200 && Date.now() < deadline && job.exitCode === null)
      await new Promise((r) => setTimeout(r, 250));
    expect(await health(), printed).toBe(200);
    expect(printed).toContain('slurm-4242-3');
    job.kill('SIGTERM'); // the batch shell only, as --signal=B: does
    expect(await exited, printed).toBe(0);
    expect(await health()).toBe(0); // the runner is gone too
  }, 120_000);
});
