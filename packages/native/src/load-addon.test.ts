import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNative } from './load-addon.ts';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('loading the native addon', () => {
  it('loads the addon built at install and reports its CPU dispatch', () => {
    const r = loadNative();
    if (!r.ok) throw new Error(r.reason);
    expect(['avx512', 'avx2', 'portable']).toContain(r.info.best);
    expect(r.info.selected).toBe(r.info.best);
    expect(loadNative({ cpu: 'portable' })).toMatchObject({
      ok: true,
      info: { selected: 'portable', vectorWidth: 4 },
    });
    expect(loadNative({ cpu: 'auto' })).toMatchObject({ ok: true, info: { selected: r.info.best } });
  });

  it('reports why instead of throwing when the addon is absent', () => {
    const r = loadNative({ addonPath: join(tmpdir(), 'no-such-dir', 'distillery_native.node') });
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('is missing') });
  });

  it('the install script exits 0 and records the reason when no compiler is found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'native-build-'));
    try {
      for (const f of ['package.json', 'binding.gyp', 'csrc', 'scripts'])
        cpSync(join(packageRoot, f), join(dir, f), { recursive: true });
      const r = spawnSync(process.execPath, [join(dir, 'scripts', 'build-addon.mjs')], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: '/nonexistent', CXX: 'no-such-compiler' },
      });
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('training will use tfjs-wasm');
      const status = JSON.parse(readFileSync(join(dir, 'build', 'status.json'), 'utf8')) as {
        ok: boolean;
        reason: string;
      };
      expect(status).toMatchObject({ ok: false, reason: expect.stringContaining('no C++ compiler') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
