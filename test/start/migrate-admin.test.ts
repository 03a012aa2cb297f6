// The migrate step every deployment runs (`npm run db:migrate` = scripts/migrate.ts: compose, the
// Kubernetes Job, Slurm, by hand) makes the first site admin of a real deployment (issue 15): without a
// password file it prints a one-time setup link once; the dashboard's reset page then sets the password.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { buildServer } from '@distillery/api';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { gqlData, startTestApi } from '@distillery/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROOT } from './start-process.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const migrate = async () => {
  const { stdout } = await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['scripts/migrate.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        DISTILLERY_ADMIN_EMAIL: 'Head@Lab.Test',
        DISTILLERY_ADMIN_PASSWORD_FILE: '',
        DISTILLERY_WEB_URL: 'https://distillery.lab.test',
      },
    },
  );
  return stdout;
};

describe('first start of a deployment', () => {
  it('prints the first admin’s setup link once; the link sets the password; a rerun changes nothing', async () => {
    const first = await migrate();
    expect(first).toMatch(/admin head@lab\.test created/);
    const url = /https:\/\/distillery\.lab\.test\/reset#token=\S+/.exec(first)?.[0];
    expect(url).toBeDefined();
    expect(await db.prisma.architecture.count()).toBeGreaterThan(0);

    const second = await migrate();
    expect(second).toMatch(/admin head@lab\.test unchanged/);
    expect(second).toMatch(/setup link printed earlier works until/);
    expect(second).not.toContain('#token=');

    const api = await startTestApi(buildServer, { db });
    try {
      await gqlData(api.url, `mutation($i: ResetPasswordInput!) { resetPassword(input: $i) { id } }`, {
        i: { token: url, password: 'violet kettle orbit 42' },
      });
      const { signIn } = await gqlData<{ signIn: { token: string; user: { isSiteAdmin: boolean } } }>(
        api.url,
        `mutation { signIn(email: "head@lab.test", password: "violet kettle orbit 42") { token user { isSiteAdmin } } }`,
      );
      expect(signIn.user.isSiteAdmin).toBe(true);
      const third = await migrate();
      expect(third).not.toMatch(/setup link/);
    } finally {
      await api.close();
    }
  });
});
