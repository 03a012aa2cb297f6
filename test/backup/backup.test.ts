// Backup and restore with the real tools: pg_dump/pg_restore of a database holding a project, a run and
// an artifact, the local artifact store copied beside it, restored into another database; and
// verify-artifacts finding an artifact whose bytes no longer match the sha256 its row records.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { seedDemo } from '@distillery/db/seed';
import { sha256Hex } from '@distillery/artifacts';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dbs: TestDatabase[] = [];
afterAll(() => Promise.all(dbs.map((d) => d.drop())));

function backup(args: string[], env: Record<string, string>): { code: number | null; out: string } {
  const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/backup.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

describe('npm run backup', () => {
  it('backs up and restores the database and the artifact store, and verifies every artifact', async () => {
    const source = await createTestDatabase();
    dbs.push(source);
    const { projectId } = await seedDemo(source.prisma);
    const store = mkdtempSync(join(tmpdir(), 'distillery-artifacts-'));
    const bytes = Buffer.from('weights of a teacher');
    const file = join(store, projectId, 'w.bin');
    mkdirSync(join(store, projectId));
    writeFileSync(file, bytes);
    await source.prisma.artifact.create({
      data: {
        projectId,
        kind: 'WEIGHTS',
        name: 'w',
        uri: pathToFileURL(file).href,
        sha256: sha256Hex(bytes),
        sizeBytes: BigInt(bytes.length),
      },
    });
    const dir = join(mkdtempSync(join(tmpdir(), 'distillery-backup-')), 'b1');
    const env = { DATABASE_URL: source.url, ARTIFACT_STORE: store };
    const made = backup(['create', dir], env);
    expect(made.out).toMatch(/→ .*b1 \(pg_dump \(PostgreSQL\) \d+/);
    expect(made.code).toBe(0);

    // Lose everything, then restore into another database and the artifact folder.
    rmSync(store, { recursive: true });
    const target = await createTestDatabase();
    dbs.push(target);
    const restored = backup(['restore', dir], { ...env, DATABASE_URL: target.url });
    expect(restored.code, restored.out).toBe(0);
    expect(await target.prisma.project.findMany({ select: { slug: true } })).toEqual([{ slug: 'demo' }]);
    expect(await target.prisma.artifact.count()).toBe(1);
    const ok = backup(['verify-artifacts'], { ...env, DATABASE_URL: target.url });
    expect(ok.out).toContain('1 artifacts checked, 0 bad');
    expect(ok.code).toBe(0);

    // One flipped byte is found and named.
    writeFileSync(file, Buffer.from('weights of a teachEr'));
    const bad = backup(['verify-artifacts'], { ...env, DATABASE_URL: target.url });
    expect(bad.out).toMatch(/artifact [0-9a-f-]+ \(file:.*w\.bin\): sha256 differs/);
    expect(bad.code).toBe(1);
  }, 120_000);
});
