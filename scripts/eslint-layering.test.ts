// The layering rules of eslint.config.js, checked on code that breaks them: packages never import
// apps (by path or by package name) and the client's main entry stays browser-safe.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** Messages of the restricted-import/global rules for `code` linted as if it were `filePath`. */
async function violations(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('eslint layering rules', () => {
  it('refuses an app imported by a package, by relative path and by package name', async () => {
    for (const spec of [
      '../../../apps/api/src/server.ts',
      '@distillery/api',
      '@distillery/runner',
      '@distillery/web',
      '@distillery/api/anything',
    ]) {
      const found = await violations(
        `import { x } from '${spec}';\nexport { x };\n`,
        'packages/cli/src/x.ts',
      );
      expect(found, spec).toEqual([expect.stringMatching(/packages\/\* never import apps/)]);
    }
  });

  it('lets apps and tests outside packages/ start the API', async () => {
    const code = `import { buildServer } from '@distillery/api';\nexport { buildServer };\n`;
    expect(await violations(code, 'test/cli/x.test.ts')).toEqual([]);
    expect(await violations(code, 'apps/runner/test/x.ts')).toEqual([]);
    expect(
      await violations(`import { x } from '@distillery/client';\nexport { x };\n`, 'packages/cli/src/x.ts'),
    ).toEqual([]);
  });

  it('keeps the client browser-safe outside src/node', async () => {
    const node = `import { readFileSync } from 'node:fs';\nimport WebSocket from 'ws';\nexport const x = [readFileSync, WebSocket, process.env];\n`;
    const found = await violations(node, 'packages/client/src/x.ts');
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/browser-safe/);
    expect(await violations(node, 'packages/client/src/node/x.ts')).toEqual([]);
    // The packages → apps rule still holds inside the client.
    expect(await violations(`import '@distillery/web';\n`, 'packages/client/src/x.ts')).toHaveLength(1);
  });
});
