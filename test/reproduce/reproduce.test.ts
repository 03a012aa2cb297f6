// The reproduction pipeline end to end on its tiny configuration: `npm run reproduce -- --config tiny`
// on a fresh database registers MNIST through the CLI, runs every kind of job on a real runner and
// writes results.md + PNG figures whose numbers are the stored runs'.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from '@distillery/db/embedded';
import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let db: TestDatabase;
let out: string;
let log = '';
let code: number | null;

beforeAll(async () => {
  db = await createTestDatabase();
  out = mkdtempSync(join(tmpdir(), 'reproduce-'));
  const proc = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['scripts/reproduce.ts', '--config', 'tiny', '--out', out],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        REPRODUCE_API_PORT: String(await freePort()),
        REPRODUCE_CONCURRENCY: '2',
        DISTILLERY_DATA_DIR: out,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  proc.stdout.on('data', (d: Buffer) => (log += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
  code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
}, 900_000);

afterAll(async () => {
  await db?.drop();
});

describe('npm run reproduce -- --config tiny', () => {
  it('runs every study to success and writes the report', async () => {
    expect(code, log).toBe(0);
    const runs = await db.pool.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM "Run" GROUP BY status`,
    );
    const byStatus = Object.fromEntries(runs.rows.map((r) => [r.status, Number(r.n)]));
    expect(byStatus, log).toEqual({ SUCCEEDED: expect.any(Number) });
    expect(byStatus.SUCCEEDED).toBeGreaterThanOrEqual(40);
    const experiments = await db.pool.query<{ name: string }>(`SELECT name FROM "Experiment" ORDER BY name`);
    expect(experiments.rows.map((e) => e.name.replace(/^MNIST: /, '').replace(/ \[tiny\]$/, ''))).toEqual([
      'ensemble size with weak members (Voting setting)',
      "mimic_all with Hinton's softened KD",
      'multi-teacher distillation grid (test CNN)',
      'reproducibility re-runs',
      'snapshot/FGE versus independent teachers at equal cost',
    ]);
  });

  it('keeps one checkpoint with test predictions per snapshot/FGE cycle and fuses them', async () => {
    const cps = await db.pool.query<{ kind: string; n: string; preds: string }>(`
      SELECT c.kind, count(DISTINCT c.id) AS n, count(p.id) AS preds FROM "Checkpoint" c
      LEFT JOIN "Prediction" p ON p."checkpointId" = c.id AND p."splitRole" = 'TEST'
      WHERE c.kind IN ('SNAPSHOT', 'FGE') GROUP BY c.kind ORDER BY c.kind::text`);
    expect(cps.rows.map((r) => [r.kind, Number(r.n), Number(r.preds)])).toEqual([
      ['FGE', 2, 2],
      ['SNAPSHOT', 2, 2],
    ]);
    const fused = await db.pool.query<{ tags: string[] }>(
      `SELECT tags FROM "Run" WHERE kind = 'ENSEMBLE_EVAL' AND 'study:snapshot' = ANY(tags) AND status = 'SUCCEEDED'`,
    );
    const origins = fused.rows.map((r) => r.tags.find((t) => t.startsWith('origin:'))).sort();
    expect(new Set(origins)).toEqual(new Set(['origin:FGE', 'origin:INDEPENDENT', 'origin:SNAPSHOT']));
  });

  it('puts the stored students into the N × p × mode tables, α pooled', async () => {
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    for (const heading of [
      '## Findings at a glance',
      '### Students, ensembles and baseline',
      '### Fusion rules',
      '### Ensemble size',
      '### Snapshot and FGE',
      '### Reproducibility',
    ]) {
      expect(md).toContain(heading);
    }
    // Recompute each cell from the runs table and find it, formatted, in the report.
    const cells = await db.pool.query<{
      n: number;
      mode: string;
      mean: number;
      sem: number | null;
      k: string;
    }>(`
      SELECT (r.params->>'teachers')::int AS n, r.params->>'mode' AS mode, avg((r.summary->>'test_accuracy')::float8) AS mean,
             stddev_samp((r.summary->>'test_accuracy')::float8) / sqrt(count(*)) AS sem, count(*) AS k
      FROM "Run" r JOIN "Experiment" e ON e.id = r."experimentId"
      WHERE r.kind = 'STUDENT' AND e.name LIKE '%distillation grid%' GROUP BY 1, 2`);
    expect(cells.rows.length).toBe(6);
    const students = md.slice(
      md.indexOf('### Students, ensembles and baseline'),
      md.indexOf('### Effect of α'),
    );
    const printed = [...students.matchAll(/(\d+\.\d{2}) \((\d+\.\d{2})\), (\d+)/g)].map((m) => ({
      mean: Number(m[1]),
      sem: Number(m[2]),
      n: Number(m[3]),
    }));
    // Half a unit of the last printed digit, plus float noise between SQL and JavaScript sums.
    const near = (a: number, b: number) => Math.abs(a - b) <= 0.005 + 1e-9;
    for (const c of cells.rows) {
      const hit = printed.find(
        (p) => p.n === Number(c.k) && near(p.mean, 100 * c.mean) && near(p.sem, 100 * c.sem!),
      );
      expect(hit, `${c.mode} N=${c.n}: ${100 * c.mean} (${100 * c.sem!}), ${c.k}`).toBeDefined();
    }
    expect(md).not.toContain('differ from the API');
  });

  it('verifies reproducibility bit for bit and renders every figure it links', () => {
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    expect(md).toMatch(
      /reproduce their subset, metrics and predictions bit for bit \(CPU backend\) \| \*\*held\*\* \| (\d+) of \1 compared quantities identical/,
    );
    const figures = [...md.matchAll(/!\[[^\]]*\]\((figures\/[^)]+\.png)\)/g)].map((m) => m[1]!);
    expect(figures.length).toBeGreaterThanOrEqual(6);
    for (const f of figures) {
      const file = join(out, f);
      expect(existsSync(file), f).toBe(true);
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 8).equals(PNG), f).toBe(true);
      expect(bytes.length).toBeGreaterThan(5_000);
    }
  });
});
