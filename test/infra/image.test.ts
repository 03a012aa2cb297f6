// infra/docker/Dockerfile: its stage layout (multi-stage, non-root runtimes with a HEALTHCHECK, the
// dashboard as the Next standalone server), and its production install step run for real: the
// app-deps RUN, exactly as written, in a scratch copy of the repository; then the migrate step, the
// API and a runner started from the tree it leaves, as the image starts them, against PostgreSQL.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { DockerfileParser } from 'dockerfile-ast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { freePort } from '@distillery/db/embedded';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { startApiProcess } from '@distillery/testing';

import { INFRA, ROOT } from './infra-files.ts';

const text = readFileSync(join(INFRA, 'docker', 'Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const stages = new Map(
  dockerfile.getFROMs().map((from, i) => [from.getBuildStage() ?? String(i), i] as const),
);
const instructionsOf = (stage: string) => {
  const froms = dockerfile.getFROMs();
  const start = froms[stages.get(stage)!]!.getRange().start.line;
  const next = froms[stages.get(stage)! + 1]?.getRange().start.line ?? Number.POSITIVE_INFINITY;
  return dockerfile.getInstructions().filter((i) => {
    const line = i.getRange().start.line;
    return line > start && line < next;
  });
};
const argsOf = (stage: string, keyword: string) =>
  instructionsOf(stage)
    .filter((i) => i.getKeyword() === keyword)
    .map((i) =>
      i
        .getTextContent()
        .replace(/^\S+\s+/, '')
        .replace(/\\\n\s*/g, ' '),
    );

describe('infra/docker/Dockerfile stages', () => {
  it('builds in full, then runs each part on a slim non-root runtime with a HEALTHCHECK', () => {
    expect([...stages.keys()]).toEqual(['build', 'app-deps', 'web', 'gpu', 'app']);
    // The default target (the last stage) is the app image compose, Kubernetes and Slurm run.
    expect([...stages.keys()].at(-1)).toBe('app');
    for (const runtime of ['web', 'gpu', 'app']) {
      expect(argsOf(runtime, 'USER'), runtime).toEqual(['1000:1000']);
      expect(argsOf(runtime, 'HEALTHCHECK')[0], runtime).toMatch(
        /CMD \["node", "infra\/docker\/healthcheck\.mjs"\]/,
      );
      // No package manager or compiler runs in a runtime stage: only files copied out of the build.
      for (const run of argsOf(runtime, 'RUN'))
        expect(run, runtime).not.toMatch(/npm (ci|install)|apt-get|g\+\+/);
    }
    expect(argsOf('build', 'RUN').join('\n')).toMatch(/npm ci --no-audit --no-fund/);
    // The dashboard image is the standalone server and its static files, nothing else of the repo.
    expect(argsOf('web', 'COPY')).toEqual([
      '--from=build /src/apps/web/.next/standalone ./',
      '--from=build /src/apps/web/.next/static ./apps/web/.next/static',
      'infra/docker/healthcheck.mjs ./infra/docker/healthcheck.mjs',
    ]);
    expect(argsOf('web', 'CMD')).toEqual(['["node", "apps/web/server.js"]']);
    expect(argsOf('app', 'CMD')).toEqual(['["node", "--import", "tsx", "apps/runner/src/main.ts"]']);
  });

  it('keeps dependencies, builds, local data and secrets out of the build context', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['**/node_modules', '**/.next', '.data', '.git', '.env', 'packages/db/src/generated'])
      expect(ignore, entry).toContain(entry);
  });

  it('asks Next for the standalone server (traced from the repository root) only for the image', async () => {
    const load = async (standalone: string | undefined) => {
      const prev = process.env.DISTILLERY_WEB_STANDALONE;
      if (standalone === undefined) delete process.env.DISTILLERY_WEB_STANDALONE;
      else process.env.DISTILLERY_WEB_STANDALONE = standalone;
      try {
        const url = `${join(ROOT, 'apps', 'web', 'next.config.ts')}?${standalone ?? 'unset'}`;
        return ((await import(url)) as { default: Record<string, unknown> }).default;
      } finally {
        if (prev === undefined) delete process.env.DISTILLERY_WEB_STANDALONE;
        else process.env.DISTILLERY_WEB_STANDALONE = prev;
      }
    };
    expect(await load('1')).toMatchObject({ output: 'standalone', outputFileTracingRoot: ROOT });
    expect((await load(undefined)).output).toBeUndefined();
    expect(argsOf('build', 'RUN').join('\n')).toMatch(
      /DISTILLERY_WEB_STANDALONE=1 npm run build --workspace @distillery\/web/,
    );
  });
});

describe('the app image production install, run in a scratch folder', () => {
  let scratch: string;
  let out: string;
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    scratch = mkdtempSync(join(tmpdir(), 'distillery-image-'));
    out = join(scratch, 'out');
    const src = join(scratch, 'src');
    // The build stage's /src: the repository's files (what COPY . . takes) plus what its full install
    // generated (the Prisma client; the native engine when this checkout built one).
    const files = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\0');
    for (const f of files.filter((x) => x && existsSync(join(ROOT, x)))) {
      mkdirSync(dirname(join(src, f)), { recursive: true });
      cpSync(join(ROOT, f), join(src, f));
    }
    cpSync(
      join(ROOT, 'packages', 'db', 'src', 'generated'),
      join(src, 'packages', 'db', 'src', 'generated'),
      {
        recursive: true,
      },
    );
    if (existsSync(join(ROOT, 'packages', 'native', 'build')))
      cpSync(join(ROOT, 'packages', 'native', 'build'), join(src, 'packages', 'native', 'build'), {
        recursive: true,
      });
    const [install] = argsOf('app-deps', 'RUN');
    // Exactly the Dockerfile's step; only its absolute /out becomes the scratch folder's.
    const script = install!.replaceAll('/out', out);
    const res = spawnSync('sh', ['-c', script], {
      cwd: src,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false' },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
  }, 900_000);
  afterAll(async () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    await db?.drop();
  }, 300_000);

  it('leaves production dependencies only, without the dashboard, tests or dev tools', () => {
    expect(existsSync(join(out, 'node_modules', 'tsx'))).toBe(true);
    expect(existsSync(join(out, 'node_modules', 'graphile-worker'))).toBe(true);
    for (const gone of [
      'next',
      'vitest',
      'eslint',
      'prettier',
      'playwright-core',
      '@graphql-codegen/cli',
      'turbo',
    ])
      expect(existsSync(join(out, 'node_modules', gone)), gone).toBe(false);
    expect(existsSync(join(out, 'apps', 'web'))).toBe(false);
    expect(existsSync(join(out, 'apps', 'api', 'test'))).toBe(false);
    const tests = spawnSync(
      'find',
      [out, '-path', join(out, 'node_modules'), '-prune', '-o', '-name', '*.test.ts', '-print'],
      {
        encoding: 'utf8',
      },
    );
    expect(tests.stdout.trim()).toBe('');
  });

  it('runs the migrate step, the API and a runner from that tree as the image does', async () => {
    const run = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, args, { cwd: out, encoding: 'utf8', env: { ...process.env, ...env } });
    const migrate = run(['--import', 'tsx', 'scripts/migrate.ts'], {
      DATABASE_URL: db.url,
      DISTILLERY_DATA_DIR: join(scratch, 'data'),
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^db:migrate: .*already applied/m);

    const api = await startApiProcess('apps/api/src/main.ts', db.appUrl, {
      cwd: out,
      env: { NODE_ENV: 'production', DISTILLERY_DATA_DIR: join(scratch, 'data'), LOG_LEVEL: 'warn' },
    });
    try {
      const ready = await fetch(new URL('/readyz', api.url));
      expect(ready.status).toBe(200);
    } finally {
      await api.stop();
    }

    const port = await freePort();
    const runner = spawn(
      process.execPath,
      ['--import', 'tsx', 'apps/runner/src/main.ts', '--queues', 'cpu'],
      {
        cwd: out,
        env: {
          ...process.env,
          DATABASE_URL: db.appUrl,
          DISTILLERY_DATA_DIR: join(scratch, 'data'),
          RUNNER_HEALTH_PORT: String(port),
          RUNNER_ID: 'image-test',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let printed = '';
    runner.stdout.on('data', (d: Buffer) => (printed += d.toString()));
    runner.stderr.on('data', (d: Buffer) => (printed += d.toString()));
    const exited = new Promise<number | null>((r) => runner.once('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 60_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline && runner.exitCode === null) {
        status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status, printed).toBe(200);
    } finally {
      runner.kill('SIGTERM');
    }
    expect(await exited, printed).toBe(0);
  }, 180_000);
});
