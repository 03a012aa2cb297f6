// Issue 14 finding 8 in real Chromium: the dashboard session lives in an HttpOnly, SameSite=Strict
// cookie page scripts never see; the same-origin /graphql proxy accepts same-origin JSON only (a
// cross-site text/plain POST runs nothing), streams with a size cap, and every page carries CSP and
// frame-ancestors without X-Powered-By. Live updates still arrive over the WebSocket (the cookie).
import { createServer, type Server } from 'node:http';

import { buildServer } from '@distillery/api';
import { startTestApi, type TestApi } from '@distillery/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedExperiment, type SeededProject } from '../browser/seed.ts';
import { launchChromium, startWeb } from '../browser/stack.ts';
import { ensureWebBuild } from '../browser/web-build.ts';

let api: TestApi;
let web: { url: string; stop: () => Promise<void> };
let chrome: { browser: Browser; close: () => Promise<void> };
let seeded: SeededProject;
let ctx: BrowserContext;
let page: Page;
let evil: Server;
let evilUrl = '';

const CREATE = (slug: string) =>
  JSON.stringify({ query: `mutation { createProject(input: { slug: "${slug}", name: "forged" }) { id } }` });
const projectCount = (slug: string) => api.db.prisma.project.count({ where: { slug } });

beforeAll(async () => {
  const build = ensureWebBuild((s) => process.stderr.write(`${s}\n`));
  api = await startTestApi(buildServer);
  seeded = await seedExperiment(api.db.prisma, api.url, `s${Date.now()}`);
  await build;
  web = await startWeb(api.url);
  chrome = await launchChromium();
  ctx = await chrome.browser.newContext();
  page = await ctx.newPage();
  page.setDefaultTimeout(15_000);
  // Another site (localhost is not the same site as 127.0.0.1): a page that tries to post to the dashboard.
  evil = createServer((_req, res) => res.end('<html><body>evil</body></html>'));
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
  evilUrl = `http://localhost:${(evil.address() as { port: number }).port}/`;
}, 240_000);

afterAll(async () => {
  await chrome?.close();
  await web?.stop();
  evil?.close();
  await api?.close();
});

describe('dashboard session and proxy in Chromium', () => {
  it('keeps the session in an HttpOnly, SameSite=Strict cookie that page scripts cannot read', async () => {
    await page.goto(`${web.url}/sign-in`);
    await page.fill('input[name=email]', seeded.admin.email);
    await page.fill('input[name=password]', seeded.admin.password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/projects$/);
    await page.getByText('MTKD on MNIST').waitFor();
    const session = (await ctx.cookies()).find((c) => c.name === 'distillery_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    expect(session.value).toMatch(/^dss_/);
    // A string, evaluated in the page (this file compiles without DOM types).
    const visible = (await page.evaluate(
      '({ cookie: document.cookie, storage: JSON.stringify({ ...localStorage, ...sessionStorage }) })',
    )) as { cookie: string; storage: string };
    expect(visible.cookie).not.toContain(session.value);
    expect(visible.cookie).toContain('distillery_signed_in=1');
    expect(visible.storage).not.toContain('dss_');
  });

  it('still gets live updates over the WebSocket (the API reads the same cookie)', async () => {
    await page.goto(`${web.url}/p/${seeded.projectId}/runs/${seeded.liveRunIds[0]}`);
    await page.getByTestId('live-state').filter({ hasText: 'live' }).waitFor();
  });

  it('runs nothing for a cross-site text/plain POST from a page the user visits', async () => {
    const other = await ctx.newPage();
    await other.goto(evilUrl);
    await other.evaluate(
      async ({ target, body }) => {
        await fetch(target, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          body,
          headers: { 'content-type': 'text/plain' },
        }).catch(() => undefined);
        await fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', body }).catch(
          () => undefined,
        );
      },
      { target: `${web.url}/graphql`, body: CREATE('csrf-browser') },
    );
    await other.close();
    expect(await projectCount('csrf-browser')).toBe(0);
  });

  it('refuses text/plain and foreign origins even with the cookie, and caps the body size', async () => {
    const cookie = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (headers: Record<string, string>, body: string | ReadableStream<Uint8Array>) =>
      fetch(`${web.url}/graphql`, {
        method: 'POST',
        headers: { cookie, ...headers },
        body,
        duplex: 'half',
      } as RequestInit);
    expect((await post({ 'content-type': 'text/plain' }, CREATE('csrf-a'))).status).toBe(415);
    expect(
      (await post({ 'content-type': 'application/json', origin: evilUrl.slice(0, -1) }, CREATE('csrf-b')))
        .status,
    ).toBe(403);
    expect(
      (await post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, CREATE('csrf-c')))
        .status,
    ).toBe(403);
    expect(await projectCount('csrf-a')).toBe(0);
    expect(await projectCount('csrf-b')).toBe(0);
    expect(await projectCount('csrf-c')).toBe(0);
    const big = 'x'.repeat(20 * 1024 * 1024);
    expect((await post({ 'content-type': 'application/json' }, JSON.stringify({ query: big }))).status).toBe(
      413,
    );
    // Without a Content-Length (streamed in chunks) the cap still holds.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(32));
        c.close();
      },
    });
    expect((await post({ 'content-type': 'application/json' }, chunks)).status).toBe(413);
    const ok = await post(
      { 'content-type': 'application/json' },
      JSON.stringify({ query: '{ me { email } }' }),
    );
    expect(await ok.json()).toEqual({ data: { me: { email: seeded.admin.email } } });
  });

  it('sends CSP with frame-ancestors none and no X-Powered-By on pages and the proxy', async () => {
    for (const path of ['/sign-in', '/projects']) {
      const res = await fetch(`${web.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain(`connect-src 'self' ${new URL(api.url).origin}`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const proxied = await fetch(`${web.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ me { id } }"}',
    });
    expect(proxied.headers.get('x-powered-by')).toBeNull();
  });

  it('signs out: the API session ends and the cookies are gone', async () => {
    await page.goto(`${web.url}/projects`);
    const admin = await api.db.prisma.user.findUniqueOrThrow({ where: { email: seeded.admin.email } });
    const before = await api.db.prisma.session.count({ where: { userId: admin.id } });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await ctx.cookies()).map((c) => c.name)).not.toContain('distillery_session');
    await expect.poll(() => api.db.prisma.session.count({ where: { userId: admin.id } })).toBe(before - 1);
  });
});
