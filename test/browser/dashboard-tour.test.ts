// Every page of the dashboard in light and dark, for people to look at (test-artifacts/web-tour-*.png,
// and DISTILLERY_SHOTS_DIR when set); each page must settle without a browser error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DashboardStack, shot, startDashboardStack } from './dashboard-stack.ts';

let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack('tour');
}, 900_000);

afterAll(async () => {
  await stack?.close();
});

describe('dashboard tour', () => {
  for (const dark of [false, true])
    it(`renders every project page (${dark ? 'dark' : 'light'})`, async () => {
      const p = await stack.signedInPage({ dark });
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      const base = `${stack.webUrl}/p/${stack.seeded.projectId}`;
      const ensembleRun = await stack.api.db.prisma.run.findFirstOrThrow({
        where: { projectId: stack.seeded.projectId, kind: 'ENSEMBLE_EVAL' },
      });
      const pages: [string, string][] = [
        ['home', ''],
        ['runs', '/runs'],
        ['results', '/results'],
        ['ensembles', '/ensembles'],
        ['ensemble-run', `/runs/${ensembleRun.id}`],
        ['lineage', '/lineage'],
        ['launch', '/launch'],
      ];
      for (const [name, path] of pages) {
        await p.goto(base + path);
        await p.waitForLoadState('networkidle');
        await p.waitForTimeout(500);
        await shot(p, `tour-${name}-${dark ? 'dark' : 'light'}`, true);
      }
      expect(errors).toEqual([]);
      await p.context().close();
    });
});
