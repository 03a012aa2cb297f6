// Data commands on the real MNIST and the real API: import, split, subsets, and the original
// subset CSV format in and out (same file name, same rows).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EXIT, cli, json, tempEnv } from '@distillery/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildServer } from '@distillery/api';
import { createTestUser, encodeBmp, startTestApi, type TestApi, type TestUser } from '@distillery/testing';
import { bytesToIndices, groupSpanningRoles } from '@distillery/domain';
import { listArchitectures, loadDaisFolder, loadMnist, type Dataset } from '@distillery/ml';
import sharp from 'sharp';

let api: TestApi;
let user: TestUser;
let env: NodeJS.ProcessEnv;
let mnist: Dataset;
let splitId: string;

// Folder datasets live under a dataset root the API was configured with (issue 14 finding 3).
const root = mkdtempSync(join(tmpdir(), 'folder-ds-'));

beforeAll(async () => {
  api = await startTestApi(buildServer, {
    architectures: listArchitectures(),
    server: { datasetRoots: [root], artifactStore: { kind: 'local', root: join(root, 'store') } },
  });
  user = await createTestUser(api, 'data');
  env = tempEnv({ DISTILLERY_API_URL: api.url, DISTILLERY_TOKEN: user.token });
  mnist = loadMnist();
});
afterAll(async () => {
  await user?.client.close();
  await api?.close();
});

describe('datasets, split, subsets', () => {
  it('imports MNIST after hashing it here and lists it', async () => {
    const r = await cli(['datasets', 'import', 'mnist', '--json'], env);
    expect(r.code).toBe(0);
    const [ds] = json<
      {
        id: string;
        name: string;
        trainCount: number;
        testCount: number;
        classNames: string[];
        contentHash: string;
      }[]
    >(r);
    expect(ds).toMatchObject({
      name: 'mnist',
      trainCount: 60000,
      testCount: 10000,
      classNames: mnist.classNames,
    });
    expect(ds!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await cli(['datasets', 'import', 'mnist'], env);
    expect(again.code).toBe(EXIT.ERROR);
    expect(again.stderr).toMatch(
      /\nerror \[CONFLICT\]: input\.name: the project already has a dataset "mnist"\n$/,
    );
    const list = json<{ name: string; splits: unknown[] }[]>(await cli(['datasets', 'list', '--json'], env));
    expect(list.map((d) => d.name)).toContain('mnist');
    expect((await cli(['datasets', 'list'], env)).stdout).toMatch(/mnist\s+│\s+MNIST\s+│\s+28x28x1/);
  });

  it('imports an image folder (train|test/<class>/<file>) with an explicit shape', async () => {
    for (const [split, n] of [
      ['train', 3],
      ['test', 1],
    ] as const) {
      for (const [c, cls] of ['cat', 'dog'].entries()) {
        mkdirSync(join(root, 'tiny', split, cls), { recursive: true });
        for (let i = 0; i < n; i++) {
          const raw = Buffer.alloc(64, 40 * (c + 1) + i);
          await sharp(raw, { raw: { width: 8, height: 8, channels: 1 } })
            .png()
            .toFile(join(root, 'tiny', split, cls, `${i}.png`));
        }
      }
    }
    const r = await cli(['datasets', 'import', 'tiny', '--shape', '8x8x1', '--json'], env, { cwd: root });
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(json<unknown[]>(r)[0]).toMatchObject({
      name: 'tiny',
      source: 'FOLDER',
      sourceUri: null,
      pack: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      splitMethods: ['BERNOULLI', 'STRATIFIED'],
      classNames: ['cat', 'dog'],
      trainCount: 6,
      testCount: 2,
      height: 8,
      width: 8,
      channels: 1,
    });
    const sample = await cli(
      ['datasets', 'import', 'mnist', '--per-class', '20', '--name', 'mnist-small', '--json'],
      { ...env, XDG_DATA_HOME: root },
    );
    expect(sample.code).toBe(0);
    expect(json<unknown[]>(sample)[0]).toMatchObject({
      name: 'mnist-small',
      source: 'FOLDER',
      preset: 'mnist',
      sourceUri: null,
      trainCount: 200,
      testCount: 40,
      classNames: mnist.classNames,
    });
    expect(
      readdirSync(join(root, 'distillery', 'datasets', 'mnist-20-per-class', 'train', '7')),
    ).toHaveLength(20);
    const noShape = await cli(['datasets', 'import', 'tiny', '--name', 'tiny2'], env, { cwd: root });
    expect(noShape.code).toBe(EXIT.USAGE);
    expect(noShape.stderr).toContain(
      'error [BAD_USER_INPUT]: a folder needs --preset <key> or --shape HxWxC',
    );
  });

  it('splits (bernoulli by the API, stratified drawn here) and draws subsets', async () => {
    const bern = await cli(['split', 'mnist', '--val-fraction', '0.2', '--seed', '1', '-q'], env);
    expect(bern.code).toBe(0);
    splitId = bern.stdout.trim();
    const strat = json<{ method: string; valCount: number }[]>(
      await cli(
        ['split', 'mnist', '--method', 'stratified', '--val-fraction', '0.2', '--seed', '2', '--json'],
        env,
      ),
    );
    const perClass = mnist.classNames.map((_, c) => mnist.train.labels.filter((l) => l === c).length);
    expect(strat[0]).toMatchObject({
      method: 'STRATIFIED',
      valCount: perClass.reduce((n, k) => n + Math.round(k * 0.2), 0),
    });

    const subs = json<{ fraction: number; seed: number; size: number }[]>(
      await cli(['subsets', splitId, '--fractions', '0.6', '--seeds', '1-2', '--json'], env),
    );
    expect(subs.map((s) => [s.fraction, s.seed])).toEqual([
      [0.6, 1],
      [0.6, 2],
    ]);
    const { split } = await import('@distillery/client').then((c) =>
      user.client.request(c.SplitDocument, { id: splitId }),
    );
    for (const s of subs) expect(Math.abs(s.size - 0.6 * split!.trainCount)).toBeLessThan(400);
    const listed = await cli(['subsets', splitId, '--list', '-q'], env);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    const missing = await cli(['subsets', splitId], env);
    expect(missing.code).toBe(EXIT.USAGE);
    const bad = await cli(['subsets', splitId, '--fractions', '1.5'], env);
    expect(bad.code).toBe(EXIT.USAGE);
    expect(bad.stderr).toMatch(/^error \[BAD_USER_INPUT\]: .*fractions/);
  });
});

describe('folder imports as packs', () => {
  /** Write `<dir>/<role>/<class>/<cam>_<i>.png` frames, 2×2 grey, a distinct value each. */
  async function writeCams(dir: string, layout: Record<string, string[]>): Promise<void> {
    let v = 1;
    for (const [role, cams] of Object.entries(layout))
      for (const cls of ['clear', 'smoke']) {
        mkdirSync(join(dir, role, cls), { recursive: true });
        for (const cam of cams)
          for (let i = 0; i < 3; i++)
            await sharp(Buffer.alloc(4, v++), { raw: { width: 2, height: 2, channels: 1 } })
              .png()
              .toFile(join(dir, role, cls, `${cam}_${i}.png`));
      }
  }

  it('records groups from --group-pattern and draws a GROUP split on the platform', async () => {
    await writeCams(join(root, 'cams'), { train: ['cam1', 'cam2', 'cam3', 'cam4', 'cam5'], test: ['cam6'] });
    const r = await cli(
      ['datasets', 'import', 'cams', '--shape', '2x2x1', '--group-pattern', '/(cam\\d+)_', '--json'],
      env,
      { cwd: root },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(json<unknown[]>(r)[0]).toMatchObject({ groupCount: 6, trainCount: 30, testCount: 6 });
    const split = json<{ id: string; method: string; valCount: number }[]>(
      await cli(
        ['split', 'cams', '--method', 'group', '--val-fraction', '0.2', '--seed', '3', '--json'],
        env,
      ),
    );
    expect(split[0]).toMatchObject({ method: 'GROUP' });
    // Whole cameras: 6 samples per camera in train, so val holds a multiple of 6.
    expect(split[0]!.valCount % 6).toBe(0);
    expect(split[0]!.valCount).toBeGreaterThan(0);
    const plain = await cli(['split', 'tiny', '--method', 'group', '--val-fraction', '0.2'], env);
    expect(plain.stderr).toMatch(/error \[BAD_USER_INPUT\]: dataset tiny has no groups/);
  });

  it('refuses a group in two roles and a corrupt image at import, registering nothing', async () => {
    await writeCams(join(root, 'leaky'), { train: ['cam1', 'cam2'], test: ['cam2'] });
    const before = await api.db.prisma.dataset.count();
    const leaky = await cli(
      ['datasets', 'import', 'leaky', '--shape', '2x2x1', '--group-pattern', '/(cam\\d+)_'],
      env,
      { cwd: root },
    );
    expect(leaky.stderr).toMatch(/BAD_USER_INPUT.*group "cam2" has samples in both train and test/);
    await writeCams(join(root, 'broken'), { train: ['cam1'], test: ['cam2'] });
    writeFileSync(join(root, 'broken', 'train', 'smoke', 'cam1_1.png'), 'not a png');
    const broken = await cli(['datasets', 'import', 'broken', '--shape', '2x2x1'], env, { cwd: root });
    expect(broken.stderr).toMatch(/DATA_CORRUPT.*cam1_1\.png: cannot decode image/);
    expect(await api.db.prisma.dataset.count()).toBe(before);
  });
});

describe('flat folder + CSV import', () => {
  it('reads path,label,group,role rows and refuses an unknown class naming its row', async () => {
    const dir = join(root, 'flat');
    mkdirSync(join(dir, 'img'), { recursive: true });
    const rows = ['path,label,group,role'];
    for (let i = 0; i < 12; i++) {
      await sharp(Buffer.alloc(4, i * 10), { raw: { width: 2, height: 2, channels: 1 } })
        .png()
        .toFile(join(dir, 'img', `${i}.png`));
      rows.push(
        `img/${i}.png,${i % 2 ? 'smoke' : 'clear'},cam${Math.floor(i / 2)},${i >= 10 ? 'test' : 'train'}`,
      );
    }
    writeFileSync(join(dir, 'labels.csv'), `${rows.join('\n')}\n`);
    const r = await cli(
      ['datasets', 'import', 'flat', '--csv', 'flat/labels.csv', '--shape', '2x2x1', '--json'],
      env,
      {
        cwd: root,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(json<unknown[]>(r)[0]).toMatchObject({
      classNames: ['clear', 'smoke'],
      trainCount: 10,
      testCount: 2,
      groupCount: 6,
    });
    writeFileSync(join(dir, 'bad.csv'), 'path,label\nimg/0.png,clear\nimg/1.png,fire\n');
    const unknown = await cli(
      ['datasets', 'import', 'flat', '--csv', 'flat/bad.csv', '--shape', '2x2x1', '--classes', 'clear,smoke'],
      env,
      { cwd: root },
    );
    expect(unknown.stderr).toMatch(
      /error \[BAD_USER_INPUT\]: csv row 3 label: is not a class \(clear, smoke\)/,
    );
    const ungrouped = await cli(
      ['datasets', 'import', 'flat', '--csv', 'flat/bad.csv', '--shape', '2x2x1', '--name', 'fire', '--json'],
      env,
      { cwd: root },
    );
    expect(json<unknown[]>(ungrouped)[0]).toMatchObject({ classNames: ['clear', 'fire'], groupCount: 0 });
    writeFileSync(join(dir, 'escape.csv'), 'path,label\n../../etc/passwd,clear\nimg/1.png,smoke\n');
    const escape = await cli(
      ['datasets', 'import', 'flat', '--csv', 'flat/escape.csv', '--shape', '2x2x1'],
      env,
      {
        cwd: root,
      },
    );
    expect(escape.stderr).toMatch(
      /error \[BAD_USER_INPUT\]: csv row 2 path: must be a file inside the folder/,
    );
  });
});

describe('DAIS-style import', () => {
  it('reads BMP inspections into 2- and 4-class tasks split and grouped by aircraft', async () => {
    const dir = join(root, 'dais');
    const codes = ['0_0_0', '1_0_0', '1_1_0', '1_1_1', '2_0_0', '9_9_9'];
    let v = 10;
    for (const aircraft of [1, 2, 3, 4, 5, 6]) {
      const inspection = join(dir, `${aircraft}_inspection_${aircraft * 7}`);
      mkdirSync(inspection, { recursive: true });
      for (const [k, code] of codes.entries())
        for (let i = 0; i < 2; i++, v++)
          writeFileSync(
            join(inspection, `img${v}_${code}.bmp`),
            encodeBmp(new Uint8Array(4 * 4 * 3).fill(v), 4, 4, k % 2 === 1),
          );
    }
    // The pixels are the BMPs' own: every sample's value is the one in its file name.
    const { dataset, skipped } = await loadDaisFolder(dir, {
      name: 'dais',
      variant: 2,
      shape: [4, 4, 3],
      trainAircraft: new Set([2, 3, 4]),
      testAircraft: new Set([5, 6]),
    });
    expect(skipped).toEqual({ code: 10, aircraft: 12 });
    dataset.train.ids.forEach((id, i) => {
      const value = Number(/img(\d+)_/.exec(id)![1]);
      expect(
        dataset.train.images.subarray(i * 48, (i + 1) * 48).every((p) => p === value),
        id,
      ).toBe(true);
    });
    const args = ['--train-aircraft', '2-4', '--test-aircraft', '5-6', '--shape', '4x4x3', '--json'];
    const two = await cli(['datasets', 'import', 'dais', '--dais', '2', '--name', 'dais-2', ...args], env, {
      cwd: root,
    });
    expect(two.code, two.stderr).toBe(0);
    expect(json<unknown[]>(two)[0]).toMatchObject({
      classNames: ['corrosion', 'ok'],
      trainCount: 30,
      testCount: 20,
      groupCount: 5,
      splitMethods: ['BERNOULLI', 'STRATIFIED', 'GROUP'],
    });
    const four = await cli(['datasets', 'import', 'dais', '--dais', '4', '--name', 'dais-4', ...args], env, {
      cwd: root,
    });
    expect(json<unknown[]>(four)[0]).toMatchObject({
      classNames: ['none', 'soft', 'medium', 'hard'],
      trainCount: 24,
      testCount: 16,
    });
    const split = json<{ id: string; valCount: number }[]>(
      await cli(
        ['split', 'dais-2', '--method', 'group', '--val-fraction', '0.34', '--seed', '1', '--json'],
        env,
      ),
    );
    const row = await api.db.prisma.split.findUniqueOrThrow({
      where: { id: split[0]!.id },
      include: { dataset: true },
    });
    const groups = bytesToIndices(new Uint8Array(row.dataset.sampleGroups!));
    expect(groupSpanningRoles(new Uint8Array(row.assignment), groups)).toBeNull();
    expect(split[0]!.valCount).toBe(10);
    const bad = await cli(['datasets', 'import', 'dais', '--dais', '3'], env, { cwd: root });
    expect(bad.stderr).toMatch(/error \[BAD_USER_INPUT\]: --dais must be 2 or 4/);
  });
});

describe('original subset CSVs', () => {
  const uuid = '3f2a9c0d4b5e6f708192a3b4c5d6e7f8';
  /** Write a file the way generate_subset.py did: walk train/<class>/<file>, keep some, `<class>_class`. */
  function writeOriginal(dir: string, keep: (i: number) => boolean): { file: string; rows: string[] } {
    const rows: string[] = [];
    for (const [c, name] of mnist.classNames.entries()) {
      for (let i = 0; i < mnist.train.count; i++)
        if (mnist.train.labels[i] === c && keep(i)) rows.push(`${mnist.train.ids[i]},${name}_class`);
    }
    const file = join(dir, `subset_06_${uuid}.csv`);
    writeFileSync(file, `filename,class\n${rows.join('\n')}\n`);
    return { file, rows };
  }

  it('imports subset_<p>_<uuid>.csv and exports the same file name and rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsets-in-'));
    // A subset holds training samples of the split only (the API refuses validation samples).
    const { assignment } = await api.db.prisma.split.findUniqueOrThrow({ where: { id: splitId } });
    const { file, rows } = writeOriginal(dir, (i) => assignment[i] === 0 && (i * 7919) % 10 < 6);
    const imported = json<{ id: string; fraction: number; size: number; label: string; method: string }[]>(
      await cli(['import', 'subsets', file, '--split', splitId, '--json'], env),
    );
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({ fraction: 0.6, size: rows.length, label: uuid, method: 'BERNOULLI' });

    const out = mkdtempSync(join(tmpdir(), 'subsets-out-'));
    const exp = await cli(['export', 'subsets', splitId, '--out-dir', out], env);
    expect(exp.code).toBe(0);
    const files = readdirSync(out);
    // Two drawn subsets (named by their ids) and the imported one under its original name.
    expect(files).toHaveLength(3);
    expect(files).toContain(`subset_06_${uuid}.csv`);
    const [header, ...back] = readFileSync(join(out, `subset_06_${uuid}.csv`), 'utf8')
      .trim()
      .split('\n');
    expect(header).toBe('filename,class');
    expect(back.sort()).toEqual([...rows].sort());
    // An exported drawn subset imports again to the same members.
    const drawn = files.find((f) => !f.includes(uuid))!;
    const again = json<{ size: number }[]>(
      await cli(['import', 'subsets', join(out, drawn), '--split', splitId, '--json'], env),
    );
    expect(again[0]!.size).toBe(readFileSync(join(out, drawn), 'utf8').trim().split('\n').length - 1);
  });

  it('rejects a row whose class does not match its file, naming the row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsets-bad-'));
    const file = join(dir, `subset_07_${'a'.repeat(32)}.csv`);
    writeFileSync(
      file,
      `filename,class\n${mnist.train.ids[0]},${mnist.classNames[mnist.train.labels[0]!]}_class\n${mnist.train.ids[1]},nope_class\n`,
    );
    const r = await cli(['import', 'subsets', file, '--split', splitId], env);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toMatch(
      /^error \[BAD_USER_INPUT\]: .*subset_07_a+\.csv: csv row 3 class: must be \d_class/,
    );
  });
});
