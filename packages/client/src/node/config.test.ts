import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { configPath, resolveConnection, writeConfig } from './config.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function home(): string {
  const d = mkdtempSync(join(tmpdir(), 'distillery-config-'));
  dirs.push(d);
  return d;
}

describe('resolveConnection', () => {
  it('treats empty variables as unset: the stored file, then the defaults, answer instead', () => {
    const env = {
      XDG_CONFIG_HOME: home(),
      DISTILLERY_API_URL: '',
      DISTILLERY_TOKEN: ' ',
      DISTILLERY_PROJECT: '',
    };
    expect(resolveConnection({}, env)).toEqual({
      url: 'http://localhost:4000/graphql',
      token: undefined,
      project: undefined,
    });
    writeConfig({ url: 'https://lab.example/api/graphql', token: 't0k', project: 'p' }, configPath(env));
    expect(resolveConnection({}, env)).toEqual({
      url: 'https://lab.example/api/graphql',
      token: 't0k',
      project: 'p',
    });
    expect(resolveConnection({}, { ...env, DISTILLERY_PROJECT: 'q' }).project).toBe('q');
  });
});
