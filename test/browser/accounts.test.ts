// A lab's first users in Chromium against the real API: the bootstrap admin (made by the migrate
// step's bootstrapAdmin from a password file) signs in, creates a project and invites a colleague, who
// accepts the link, signs in and sees only what a VIEWER may; disabling her closes her open dashboard
// within seconds. Then single sign-on against a real OpenID Provider (oidc-provider) started here.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildServer } from '@distillery/api';
import { freePort } from '@distillery/db/embedded';
import { bootstrapAdmin } from '@distillery/db/seed';
import { startTestApi, type TestApi } from '@distillery/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startOidcProvider, type TestOidcProvider } from './oidc.ts';
import { ARTIFACTS, launchChromium, startWeb } from './stack.ts';
import { ensureWebBuild } from './web-build.ts';

const ADMIN = { email: 'head@lab.test', password: 'copper lantern tide 7' };
const ADA = { email: 'ada@lab.test', password: 'quiet harbour maple 3', name: 'Ada Lovelace' };
/** Screenshots of every account page, light and dark. */
const SHOTS = process.env.DISTILLERY_SHOTS_DIR ?? ARTIFACTS;

let api: TestApi;
let web: { url: string; stop: () => Promise<void> };
let oidc: TestOidcProvider;
let chrome: { browser: Browser; close: () => Promise<void> };
let projectId: string;

/** Screenshot `p` as it is and in the other theme (project pages scroll inside their frame: viewport only). */
async function shots(p: Page, name: string): Promise<void> {
  const fullPage = !new URL(p.url()).pathname.startsWith('/p/');
  for (const theme of ['light', 'dark'] as const) {
    await p.evaluate(`document.documentElement.dataset.theme = '${theme}'`);
    await p.screenshot({ path: join(SHOTS, `${name}-${theme}.png`), fullPage });
  }
  await p.evaluate(`document.documentElement.dataset.theme = 'light'`);
}

/** A fresh browser profile whose page reports its errors; dialogs (confirm) are accepted. */
async function newPage(): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => process.stderr.write(`[browser error] ${e.stack ?? String(e)}\n`));
  page.on('dialog', (d) => void d.accept());
  return { ctx, page };
}

async function signIn(p: Page, email: string, password: string): Promise<void> {
  await p.goto(`${web.url}/sign-in`);
  await p.fill('input[name=email]', email);
  await p.fill('input[name=password]', password);
  await p.click('button[type=submit]');
  await p.waitForURL(/\/projects$/);
}

beforeAll(async () => {
  const build = ensureWebBuild((s) => process.stderr.write(`${s}\n`));
  // The API must know the dashboard's address (links, the OIDC callback) before either starts.
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  oidc = await startOidcProvider(`${webUrl}/sso/callback`);
  api = await startTestApi(buildServer, {
    server: {
      accounts: { webUrl },
      oidc: {
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        redirectUri: `${webUrl}/sso/callback`,
        allowedDomains: ['sso.test'],
        provisioning: 'jit',
        label: 'Sign in with Lab SSO',
      },
    },
  });
  const secrets = mkdtempSync(join(tmpdir(), 'distillery-admin-'));
  writeFileSync(join(secrets, 'password'), `${ADMIN.password}\n`, { mode: 0o600 });
  const boot = await bootstrapAdmin(api.db.prisma, {
    email: ADMIN.email,
    passwordFile: join(secrets, 'password'),
    webUrl,
  });
  expect(boot.outcome).toBe('created');
  await build;
  web = await startWeb(api.url, { port: webPort });
  chrome = await launchChromium();
}, 600_000);

afterAll(async () => {
  await chrome?.close();
  await web?.stop();
  await api?.close();
  await oidc?.close();
});

describe('first users of a lab in Chromium', () => {
  let admin: Page;
  let inviteUrl: string;

  it('the bootstrap admin signs in, creates a project and invites a colleague', async () => {
    ({ page: admin } = await newPage());
    await admin.goto(`${web.url}/sign-in`);
    await admin.getByTestId('sso-sign-in').waitFor();
    await shots(admin, 'sign-in');
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.getByRole('button', { name: 'New project' }).click();
    await admin.fill('input[name=projectName]', 'Vision lab');
    await shots(admin, 'new-project');
    await admin.getByRole('button', { name: 'Create project' }).click();
    await admin.waitForURL(/\/p\/[0-9a-f-]{36}$/);
    projectId = /\/p\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;

    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('link', { name: 'Invitations' }).click();
    await admin.fill('input[name=inviteEmail]', ADA.email);
    await admin.selectOption('select[name=inviteProject]', { label: 'Vision lab' });
    await admin.selectOption('select[name=inviteRole]', 'VIEWER');
    await admin.getByRole('button', { name: 'Invite' }).click();
    const link = admin.getByTestId('secret-once').locator('input');
    await link.waitFor();
    inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${web.url}/invite#token=`));
    await admin.getByTestId('invitation-table').getByText(ADA.email).waitFor();
    await shots(admin, 'admin-invitations');
  });

  it('the colleague accepts once, is signed in, and sees only what a VIEWER may', async () => {
    const { page: ada } = await newPage();
    await ada.goto(inviteUrl);
    await ada.getByText('Vision lab').waitFor();
    await shots(ada, 'accept-invitation');
    await ada.fill('input[name=name]', ADA.name);
    await ada.fill('input[name=password]', 'password1234');
    await ada.fill('input[name=repeatPassword]', 'password1234');
    await ada.getByRole('button', { name: 'Create account' }).click();
    await ada
      .getByRole('alert')
      .filter({ hasText: /common|breached/i })
      .waitFor();
    expect(await api.db.prisma.user.count({ where: { email: ADA.email } })).toBe(0);
    await ada.fill('input[name=password]', ADA.password);
    await ada.fill('input[name=repeatPassword]', ADA.password);
    await ada.getByRole('button', { name: 'Create account' }).click();
    await ada.waitForURL(/\/projects$/);
    await ada.getByText('Vision lab').waitFor();
    await ada.getByText('viewer').waitFor();

    // A used link is refused with the API's message.
    const { page: again } = await newPage();
    await again.goto(inviteUrl);
    await again.getByRole('alert').waitFor();
    await again.context().close();

    await ada.getByText('Vision lab').click();
    await ada.getByRole('link', { name: 'Runs', exact: true }).waitFor();
    const nav = await ada.getByRole('navigation', { name: 'Project' }).innerText();
    expect(nav).not.toContain('Launch');
    expect(nav).not.toContain('Audit');
    await ada.getByRole('link', { name: 'Settings' }).click();
    const members = ada.getByTestId('member-table');
    await members.getByText(ADMIN.email).waitFor();
    // A VIEWER reads the members but cannot change roles, remove anyone, invite or make runner tokens.
    expect(await members.locator('select').count()).toBe(0);
    expect(await members.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    await members.getByRole('button', { name: 'Leave' }).waitFor();
    expect(await ada.getByRole('heading', { name: 'Runner tokens' }).count()).toBe(0);
    await shots(ada, 'project-settings-viewer');
    await ada.goto(`${web.url}/p/${projectId}/audit`);
    await ada.getByText('The audit log is for supervisors and admins.').waitFor();
    await ada.goto(`${web.url}/admin/users`);
    await ada.getByText('Site administration is for site admins.').waitFor();

    // Her own settings: profile, password and an API token whose secret is shown once.
    await ada.goto(`${web.url}/settings`);
    await ada.fill('input[name=tokenName]', 'notebook');
    await ada.selectOption('select[name=tokenAccess]', 'READ_ONLY');
    await ada.getByRole('button', { name: 'Create token' }).click();
    const secret = await ada.getByTestId('secret-once').locator('input').inputValue();
    expect(secret).toMatch(/^dst_/);
    await ada.getByTestId('token-table').getByText('notebook').waitFor();
    await shots(ada, 'settings');
    await ada.getByRole('button', { name: 'Done' }).click();
    expect(await ada.content()).not.toContain(secret);

    // The admin makes her a SUPERVISOR: the Audit page names her, failures included.
    await admin.goto(`${web.url}/p/${projectId}/settings`);
    const row = admin.getByTestId('member-table').locator(`tr[data-email="${ADA.email}"]`);
    await row.locator('select').selectOption('SUPERVISOR');
    await admin
      .getByTestId('member-table')
      .locator(`tr[data-email="${ADMIN.email}"] select`)
      .selectOption('VIEWER');
    await admin
      .getByRole('alert')
      .filter({ hasText: /last ADMIN|admin/i })
      .waitFor();
    await admin.fill('input[name=renameProject]', 'Vision group');
    await admin.getByRole('button', { name: 'Rename' }).click();
    await admin.getByRole('navigation', { name: 'Project' }).getByText('Vision group').waitFor();
    await admin.fill('input[name=runnerName]', 'gpu-box-1');
    await admin.getByRole('button', { name: 'Create runner token' }).click();
    await admin.getByTestId('secret-once').waitFor();
    await admin.getByTestId('token-table').getByText('gpu-box-1').waitFor();
    await shots(admin, 'project-settings-admin');
    await admin.goto(`${web.url}/p/${projectId}/audit`);
    await admin.getByTestId('chain-result').filter({ hasText: 'Chain intact' }).waitFor();
    const audit = admin.getByTestId('audit-table');
    await audit.getByText('setMemberRole').first().waitFor();
    await audit.locator('tr.failure').first().waitFor();
    expect(await audit.innerText()).toContain(ADMIN.email);
    await admin.selectOption('select[aria-label=Outcome]', 'FAILURE');
    await audit.locator('tr.failure').first().waitFor();
    expect(await audit.locator('tbody tr:not(.failure)').count()).toBe(0);
    const download = admin.waitForEvent('download');
    await admin.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\n')[0]).toContain('actor_email');
    expect(csv).toContain('FAILURE');
    await admin.selectOption('select[aria-label=Outcome]', '');
    await shots(admin, 'audit');

    // Disabled: her open dashboard (the project page she is on) loses access within seconds.
    await ada.goto(`${web.url}/p/${projectId}`);
    await ada.getByRole('link', { name: 'Runs', exact: true }).waitFor();
    await admin.goto(`${web.url}/admin/users`);
    await admin.getByTestId('user-table').locator(`tr[data-email="${ADA.email}"]`).waitFor();
    await admin.getByRole('link', { name: 'Admin' }).waitFor();
    await shots(admin, 'admin-users');
    const started = Date.now();
    await admin
      .getByTestId('user-table')
      .locator(`tr[data-email="${ADA.email}"]`)
      .getByRole('button', { name: 'Disable' })
      .click();
    await admin
      .getByTestId('user-table')
      .locator(`tr[data-email="${ADA.email}"]`)
      .getByText('disabled')
      .waitFor();
    await ada.waitForURL(/\/sign-in\?next=/, { timeout: 10_000 });
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`disabled user's dashboard signed out after ${seconds.toFixed(1)} s\n`);
    expect(seconds).toBeLessThan(8);
    await ada.fill('input[name=email]', ADA.email);
    await ada.fill('input[name=password]', ADA.password);
    await ada.click('button[type=submit]');
    await ada.getByRole('alert').waitFor();
    expect(ada.url()).toContain('/sign-in');

    // Reset link for her once enabled again.
    const adaRow = admin.getByTestId('user-table').locator(`tr[data-email="${ADA.email}"]`);
    await adaRow.getByRole('button', { name: 'Enable' }).click();
    await adaRow.getByRole('button', { name: 'Reset link' }).click();
    const resetUrl = await admin.getByTestId('secret-once').locator('input').inputValue();
    await ada.goto(resetUrl);
    await ada.getByTestId('reset-password').getByText(ADA.email).waitFor();
    await shots(ada, 'reset-password');
  });
});

describe('single sign-on in Chromium', () => {
  /** Through the provider's own login and consent pages, as a person would. */
  async function ssoAs(p: Page, login: string): Promise<void> {
    await p.goto(`${web.url}/sign-in`);
    await p.getByTestId('sso-sign-in').click();
    await p.waitForURL((u) => u.origin === oidc.issuer);
    await p.fill('input[name=login]', login);
    const pw = p.locator('input[name=password]');
    if (await pw.count()) await pw.fill('any');
    await p.locator('button[type=submit]').click();
    await p.getByRole('button', { name: 'Continue' }).click();
  }

  it('signs a person of an allowed domain in (account made on first sign-in)', async () => {
    const { page } = await newPage();
    await ssoAs(page, 'grace@sso.test');
    await page.waitForURL(/\/projects$/);
    await page.getByRole('link', { name: 'grace (SSO)' }).waitFor();
    await shots(page, 'projects-after-sso');
    const user = await api.db.prisma.user.findUniqueOrThrow({ where: { email: 'grace@sso.test' } });
    expect(user.passwordHash).toBeNull();
  });

  it('refuses someone of another domain with a clear error on the sign-in page', async () => {
    const { page } = await newPage();
    await ssoAs(page, 'mallory@elsewhere.test');
    await page.waitForURL(/\/sign-in\?sso_error=/);
    await page
      .getByTestId('sso-error')
      .filter({ hasText: 'elsewhere.test is not an allowed domain' })
      .waitFor();
    await shots(page, 'sign-in-sso-refused');
    expect(await api.db.prisma.user.count({ where: { email: 'mallory@elsewhere.test' } })).toBe(0);
  });
});
