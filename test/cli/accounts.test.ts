// A lab's first users through the CLI against the real API: the bootstrap admin sets a password with
// the migrate step's setup link, creates a project, invites a colleague who accepts and logs in; roles,
// members, scoped/read-only/runner tokens, disable/enable and reset links, each refusal a typed error
// with the CLI's exit code and nothing written.
import { EXIT, cli, json, tempEnv } from '@distillery/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildServer } from '@distillery/api';
import { bootstrapAdmin } from '@distillery/db/seed';
import { startTestApi, type TestApi } from '@distillery/testing';

const ADMIN = 'head@lab.test';
const ADA = 'ada@lab.test';
const ADMIN_PW = 'copper lantern tide 7';
const ADA_PW = 'quiet harbour maple 3';

let api: TestApi;
let admin: NodeJS.ProcessEnv;
let ada: NodeJS.ProcessEnv;

/** Log in as `email` in a fresh config dir; returns the env that uses the stored token. */
async function loginAs(email: string, password: string, project?: string): Promise<NodeJS.ProcessEnv> {
  const env = tempEnv({ DISTILLERY_API_URL: api.url, ...(project ? { DISTILLERY_PROJECT: project } : {}) });
  const r = await cli(['login', '--email', email, '--password-stdin'], env, { stdin: `${password}\n` });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(EXIT.OK);
  return env;
}

beforeAll(async () => {
  api = await startTestApi(buildServer, { server: { accounts: { webUrl: 'http://dash.test' } } });
});
afterAll(() => api?.close());

/** The run failed with the API's `code` and the CLI's exit code for it, in one line on stderr. */
function refused(r: { code: number; stderr: string }, code: string, exit: number): void {
  expect(r.stderr).toMatch(new RegExp(`^error \\[${code}\\]: .+\\n$`));
  expect(r.code).toBe(exit);
}

describe('first users of a lab', () => {
  it('the bootstrap admin sets a password with the setup link and logs in', async () => {
    const boot = await bootstrapAdmin(api.db.prisma, { email: ADMIN, webUrl: 'http://dash.test' });
    expect(boot.outcome).toBe('created');
    const anon = tempEnv({ DISTILLERY_API_URL: api.url });
    const weak = await cli(['password', 'set', boot.setupUrl!, '--password-stdin'], anon, {
      stdin: 'password123\n',
    });
    expect(weak.code).toBe(EXIT.USAGE);
    expect(weak.stderr).toMatch(/^error \[BAD_USER_INPUT\]: .*password/i);
    const set = await cli(['password', 'set', boot.setupUrl!, '--password-stdin'], anon, {
      stdin: `${ADMIN_PW}\n`,
    });
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain(`Password of ${ADMIN} set`);
    // The link is one-time.
    const again = await cli(['password', 'set', boot.setupUrl!, '--password', ADMIN_PW], anon);
    expect(again.code).not.toBe(EXIT.OK);
    admin = await loginAs(ADMIN, ADMIN_PW, 'vision');
    const created = await cli(['projects', 'create', 'vision', '--name', 'Vision lab', '--json'], admin);
    expect(created.code).toBe(EXIT.OK);
    expect(json(created)).toMatchObject({ slug: 'vision', name: 'Vision lab' });
  });

  it('invites a colleague as VIEWER, who accepts once and logs in', async () => {
    const inv = await cli(['users', 'invite', ADA, '--role', 'viewer', '--json'], admin);
    expect(inv.stderr).toBe('');
    const { url, emailSent, role, project } = json<{
      url: string;
      emailSent: boolean;
      role: string;
      project: string;
    }>(inv);
    expect({ emailSent, role, project }).toEqual({ emailSent: false, role: 'VIEWER', project: 'vision' });
    expect(url).toMatch(/^http:\/\/dash\.test\//);
    refused(await cli(['users', 'invite', ADMIN, '--role', 'member'], admin), 'CONFLICT', EXIT.ERROR);

    const listed = json<{ email: string }[]>(await cli(['invitations', 'list', '--json'], admin));
    expect(listed.map((i) => i.email)).toContain(ADA);
    expect((await cli(['invitations', 'list'], admin)).stdout).toMatch(
      /ada@lab\.test.*vision.*VIEWER.*pending/,
    );

    const anon = tempEnv({ DISTILLERY_API_URL: api.url });
    const weak = await cli(['invitations', 'accept', url, '--name', 'Ada', '--password', 'ada'], anon);
    expect(weak.code).toBe(EXIT.USAGE);
    expect(await api.db.prisma.user.count({ where: { email: ADA } })).toBe(0);
    const ok = await cli(['invitations', 'accept', url, '--name', 'Ada L.', '--password-stdin'], anon, {
      stdin: `${ADA_PW}\n`,
    });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain(`Account ${ADA} created`);
    const reused = await cli(['invitations', 'accept', url, '--name', 'Eve', '--password', ADA_PW], anon);
    expect(reused.code).not.toBe(EXIT.OK);
    expect(reused.stderr).toMatch(/^error \[[A-Z_]+\]: /);

    ada = await loginAs(ADA, ADA_PW, 'vision');
    expect(json(await cli(['projects', 'list', '--json'], ada))).toMatchObject([
      { slug: 'vision', myRole: 'VIEWER' },
    ]);
  });

  it('keeps a VIEWER to reading, and ADMIN work to the admin', async () => {
    refused(await cli(['members', 'add', ADMIN, '--role', 'viewer'], ada), 'FORBIDDEN', EXIT.AUTH);
    expect((await cli(['users', 'list'], ada)).code).toBe(EXIT.AUTH);
    expect((await cli(['tokens', 'create', 'r', '--runner'], ada)).code).toBe(EXIT.AUTH);
    expect((await cli(['projects', 'rename', 'vision', 'Mine'], ada)).code).toBe(EXIT.AUTH);

    const role = await cli(['members', 'role', ADA, 'supervisor'], admin);
    expect(role.stdout).toBe(`${ADA} is now SUPERVISOR\n`);
    const members = json<{ role: string; user: { email: string } }[]>(
      await cli(['members', 'list', '--json'], admin),
    );
    expect(members.map((m) => [m.user.email, m.role]).sort()).toEqual([
      [ADA, 'SUPERVISOR'],
      [ADMIN, 'ADMIN'],
    ]);
    // The last ADMIN stays one: no self-demotion, no removal, no leaving.
    refused(await cli(['members', 'role', ADMIN, 'member'], admin), 'CONFLICT', EXIT.ERROR);
    refused(await cli(['members', 'remove', ADMIN], admin), 'CONFLICT', EXIT.ERROR);
    refused(await cli(['members', 'leave', '--yes'], admin), 'CONFLICT', EXIT.ERROR);
    expect(await api.db.prisma.membership.count({ where: { role: 'ADMIN' } })).toBe(1);

    expect((await cli(['members', 'leave'], ada)).code).toBe(EXIT.USAGE); // --yes is required
    expect((await cli(['members', 'leave', '--yes'], ada)).stdout).toBe('You left the project\n');
    expect((await cli(['members', 'add', ADA, '--role', 'member'], admin)).stdout).toBe(
      `${ADA} is MEMBER of the project\n`,
    );
    expect((await cli(['members', 'remove', ADA], admin)).code).toBe(EXIT.OK);
    expect((await cli(['projects', 'list', '--json'], ada)).stdout.trim()).toBe('[]');
    await cli(['members', 'add', ADA, '--role', 'member'], admin);
  });

  it('renames and archives a project', async () => {
    expect((await cli(['projects', 'rename', 'vision', 'Vision group'], admin)).stdout).toBe(
      'Project vision is now "Vision group"\n',
    );
    expect((await cli(['projects', 'archive', 'vision'], admin)).stdout).toContain('archived');
    expect(json(await cli(['projects', 'list', '--json'], ada))).toEqual([]);
    const all = json<{ slug: string; archivedAt: string | null }[]>(
      await cli(['projects', 'list', '--archived', '--json'], ada),
    );
    expect(all).toMatchObject([{ slug: 'vision' }]);
    expect(all[0]!.archivedAt).not.toBeNull();
    expect((await cli(['projects', 'unarchive', 'vision'], admin)).stdout).toContain('writable again');
  });

  it('creates scoped, read-only and runner tokens, lists them without secrets, revokes them', async () => {
    const made = await cli(
      ['tokens', 'create', 'ci', '--scoped', '--read-only', '--expires-in-days', '30', '--json'],
      ada,
    );
    expect(made.stderr).toBe('');
    const t = json<{ secret: string; prefix: string; access: string; projectId: string }>(made);
    expect(t).toMatchObject({ access: 'READ_ONLY' });
    expect(t.secret.startsWith(t.prefix)).toBe(true);
    const ro = tempEnv({
      DISTILLERY_API_URL: api.url,
      DISTILLERY_TOKEN: t.secret,
      DISTILLERY_PROJECT: 'vision',
    });
    expect(json(await cli(['whoami', '--json'], ro))).toMatchObject({ email: ADA });
    const refused = await cli(['projects', 'create', 'other'], ro);
    expect(refused.code).toBe(EXIT.AUTH);
    expect(await api.db.prisma.project.count({ where: { slug: 'other' } })).toBe(0);

    const list = await cli(['tokens', 'list'], ada);
    expect(list.stdout).toContain(t.prefix);
    expect(list.stdout).not.toContain(t.secret);
    expect((await cli(['tokens', 'list', '--json'], ada)).stdout).not.toContain(t.secret);
    // Beyond the creator's role: a MEMBER cannot make runner tokens; the ADMIN can.
    expect((await cli(['tokens', 'create', 'gpu', '--runner'], ada)).code).toBe(EXIT.AUTH);
    const runner = json<{ secret: string; prefix: string; kind: string }>(
      await cli(['tokens', 'create', 'gpu-box-1', '--runner', '--json'], admin),
    );
    expect(runner.kind).toBe('RUNNER');
    const runners = json<{ name: string; owner: { email: string } }[]>(
      await cli(['tokens', 'list', '--runner', '--json'], admin),
    );
    expect(runners).toMatchObject([{ name: 'gpu-box-1', owner: { email: ADMIN } }]);
    expect((await cli(['tokens', 'revoke', runner.prefix, '--runner'], admin)).stdout).toContain('revoked');
    expect(json(await cli(['tokens', 'list', '--runner', '--json'], admin))).toEqual([]);

    expect((await cli(['tokens', 'revoke', t.prefix], ada)).stdout).toBe(
      `Token "ci" (${t.prefix}) revoked\n`,
    );
    const gone = await cli(['whoami'], ro);
    expect(gone.code).toBe(EXIT.AUTH);
    expect(gone.stderr).toMatch(/^error \[UNAUTHENTICATED\]/);
  });

  it('changes a password: wrong current refused, new one works', async () => {
    const wrong = await cli(['password', 'change', '--stdin'], ada, {
      stdin: `not mine at all\n${ADA_PW}x\n`,
    });
    expect(wrong.code).not.toBe(EXIT.OK);
    const ok = await cli(['password', 'change', '--stdin'], ada, { stdin: `${ADA_PW}\n${ADA_PW} new\n` });
    expect(ok.stderr).toBe('');
    await loginAs(ADA, `${ADA_PW} new`);
  });

  it('disables an account at once (its token stops working), enables it, and resets its password', async () => {
    const users = json<{ email: string; isSiteAdmin: boolean }[]>(
      await cli(['users', 'list', '--json'], admin),
    );
    expect(users.map((u) => u.email).sort()).toEqual([ADA, ADMIN]);
    expect((await cli(['users', 'disable', ADA], admin)).stdout).toContain(`${ADA} disabled`);
    const out = await cli(['whoami'], ada);
    expect(out.code).toBe(EXIT.AUTH);
    expect((await cli(['users', 'list', '--disabled'], admin)).stdout).toMatch(/ada@lab\.test.*disabled/);
    const relog = await cli(
      ['login', '--email', ADA, '--password', `${ADA_PW} new`],
      tempEnv({ DISTILLERY_API_URL: api.url }),
    );
    expect(relog.code).toBe(EXIT.AUTH);

    expect((await cli(['users', 'enable', ADA], admin)).code).toBe(EXIT.OK);
    // Old tokens stay revoked after enabling.
    expect((await cli(['whoami'], ada)).code).toBe(EXIT.AUTH);
    const reset = await cli(['users', 'reset', ADA, '--json'], admin);
    const { url } = json<{ url: string }>(reset);
    const set = await cli(
      ['password', 'set', url, '--password', 'fresh pebble orchard 9'],
      tempEnv({ DISTILLERY_API_URL: api.url }),
    );
    expect(set.stderr).toBe('');
    await loginAs(ADA, 'fresh pebble orchard 9');

    // The last enabled site admin stays one.
    refused(await cli(['users', 'admin', ADMIN, 'off'], admin), 'CONFLICT', EXIT.ERROR);
    expect((await cli(['users', 'admin', ADA, 'on'], admin)).stdout).toBe(`${ADA} is now a site admin\n`);
    refused(await cli(['users', 'disable', 'nobody@lab.test'], admin), 'NOT_FOUND', EXIT.NOT_FOUND);
  });
});
