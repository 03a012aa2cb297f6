// Issue 14 finding 1 (second half): one request's failure never exits the API process. The API runs
// as `npm start` runs it (its own process, apps/api/src/main.ts); the process guards are checked in a
// real process that throws from a timer and rejects a promise nobody awaits.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { createUser, startApiProcess, type ApiProcess } from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = join(API_DIR, '..', '..', 'node_modules', '.bin', 'tsx');

let db: TestDatabase;
let api: ApiProcess;
let output = '';

/** Spawn `tsx <file>` and resolve with the first stdout line matching `ready`. */
function spawnReady(
  file: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ p: ChildProcess; m: RegExpExecArray }> {
  const p = spawn(TSX, [file], {
    cwd: API_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = ready.exec(output);
      if (m) resolve({ p, m });
    };
    p.stdout!.on('data', onData);
    p.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    p.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startApiProcess(join(API_DIR, 'src', 'main.ts'), db.url, { cwd: API_DIR });
}, 60_000);
afterAll(async () => {
  await api?.stop();
  await db?.drop();
});

const post = async (body: unknown, token?: string) => {
  // Raw fetch on purpose: some bodies are not JSON, which no GraphQL client would send.
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] },
  };
};

describe('the API process', () => {
  it('survives the issue’s crash reproduction and hostile bodies, and keeps answering', async () => {
    const project = await db.prisma.project.create({ data: { slug: 'crash', name: 'Crash' } });
    const { token } = await createUser({ db }, project.id, 'ADMIN', 'crash');
    const crash = await post(
      {
        query: `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
        variables: {
          i: {
            projectId: project.id,
            name: 'x',
            preset: 'mnist',
            trainCount: 100_000_000,
            contentHash: 'c'.repeat(64),
          },
        },
      },
      token,
    );
    expect(crash.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const body of ['{"query": ', '[', '{"query":"{ me { id } }","variables":"\\u0000"}', 'null', '[{}]'])
      expect((await post(body)).status).toBeLessThan(500);
    const me = await post({ query: '{ me { id } }' }, token);
    expect(me.status).toBe(200);
    expect(api.child.exitCode).toBeNull();
  });

  it('logs an error no handler caught and keeps serving (process guards)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guards-'));
    const script = join(dir, 'guarded.ts');
    writeFileSync(
      script,
      `import { createServer } from 'node:http';
import { installProcessGuards } from ${JSON.stringify(join(API_DIR, 'src', 'process-guards.ts'))};
installProcessGuards();
setTimeout(() => { throw new Error('boom from a timer'); }, 10);
setTimeout(() => void Promise.reject(new Error('nobody awaited this')), 20);
const server = createServer((_req, res) => res.end('still here'));
setTimeout(() => server.listen(0, '127.0.0.1', () => console.log('listening ' + (server.address() as { port: number }).port)), 100);
`,
    );
    output = '';
    const { p, m } = await spawnReady(script, {}, /listening (\d+)/);
    try {
      const res = await fetch(`http://127.0.0.1:${m[1]}/`);
      expect(await res.text()).toBe('still here');
      expect(output).toContain('uncaught exception (still serving)');
      expect(output).toContain('boom from a timer');
      expect(output).toContain('unhandled rejection (still serving)');
      expect(p.exitCode).toBeNull();
    } finally {
      p.kill('SIGKILL');
    }
  });
});
