// login / logout / whoami against the real API; errors print the API's message and code.
import { statSync, readFileSync } from 'node:fs';

import { EXIT, cli, cliProcess, json, tempEnv } from '@distillery/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildServer } from '@distillery/api';
import { listArchitectures } from '@distillery/ml';
import { createTestUser, startTestApi, type TestApi, type TestUser } from '@distillery/testing';

let api: TestApi;
let user: TestUser;

beforeAll(async () => {
  api = await startTestApi(buildServer, { architectures: listArchitectures() });
  user = await createTestUser(api, 'auth');
});
afterAll(async () => {
  await user?.client.close();
  await api?.close();
});

describe('login', () => {
  it('stores an API token in the config dir with mode 600 and whoami uses it', async () => {
    const env = tempEnv();
    const login = await cli(['login', '--url', api.url, '--email', user.email, '--password-stdin'], env, {
      stdin: `${user.password}\n`,
    });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    const path = `${env.XDG_CONFIG_HOME}/distillery/config.json`;
    expect(login.stdout).toContain(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${env.XDG_CONFIG_HOME}/distillery`).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { url: string; token: string; email: string };
    expect(stored).toMatchObject({ url: api.url, email: user.email });
    // The stored secret is a new API token, not the short-lived session (which login ended).
    expect(
      await api.db.prisma.apiToken.count({
        where: { userId: user.userId, prefix: stored.token.slice(0, 8) },
      }),
    ).toBe(1);
    expect(await api.db.prisma.session.count({ where: { userId: user.userId } })).toBe(1); // createTestUser's own session

    expect((await cli(['token'], env)).stdout).toBe(`${stored.token}\n`);
    const who = await cli(['whoami', '--json'], env);
    expect(who.code).toBe(0);
    expect(json(who)).toMatchObject({
      email: user.email,
      url: api.url,
      projects: [{ slug: user.projectSlug, role: 'ADMIN' }],
    });
    const table = await cli(['whoami'], env);
    expect(table.stdout).toContain(user.projectSlug);
    expect(table.stdout).toContain('ADMIN');

    expect((await cli(['logout'], env)).code).toBe(0);
    const after = await cli(['whoami'], env);
    expect(after.code).toBe(EXIT.AUTH);
    expect(after.stderr).toMatch(/^error \[UNAUTHENTICATED\]: not logged in/);
  });

  it('stores a given token after checking it, and refuses a bad one with the API message', async () => {
    const env = tempEnv({ DISTILLERY_API_URL: api.url });
    const ok = await cli(['login', '--token', user.token, '--json'], env);
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ email: user.email });
    const bad = await cli(['login', '--token', 'dst_bogus'], env);
    expect(bad.code).toBe(EXIT.AUTH);
    expect(bad.stderr).toBe('error [UNAUTHENTICATED]: the bearer token is unknown, expired or revoked\n');
  });

  it('reports a wrong password with the API code and no stack trace, through the real bin', async () => {
    const env = tempEnv();
    const r = await cliProcess(
      ['login', '--url', api.url, '--email', user.email, '--password', 'wrong'],
      env,
    );
    expect(r.code).toBe(EXIT.AUTH);
    expect(r.stderr).toMatch(/^error \[UNAUTHENTICATED\]: .+\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const down = await cliProcess(['whoami', '--url', 'http://127.0.0.1:9/graphql', '--token', 'x'], env);
    expect(down.code).toBe(EXIT.UNREACHABLE);
    expect(down.stderr).toMatch(/^error \[NETWORK\]: cannot reach http:\/\/127\.0\.0\.1:9\/graphql/);
  });
});

describe('the distillery bin', () => {
  it('runs as `npx distillery` from the repository root with help that shows examples', async () => {
    const help = await cliProcess(['--help'], tempEnv(), { viaNpx: true });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: distillery');
    expect(help.stdout).toContain('Examples:');
    const sub = await cli(['runs', 'watch', '--help'], tempEnv());
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('Exit codes: 0 SUCCEEDED, 10 FAILED, 11 CANCELLED');
    const usage = await cli(['runs', 'list', '--bogus'], tempEnv());
    expect(usage.code).toBe(EXIT.USAGE);
    expect(usage.stderr).toContain("unknown option '--bogus'");
  });
});
