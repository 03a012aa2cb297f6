// Issue 14 finding 3 (runner side): a runner reads FOLDER datasets only from inside its own dataset
// roots, with symlinks followed, whatever the database says (a row written before the API checked,
// or by hand); refusals are FORBIDDEN and name the dataset, never a server path.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createTestDatabase, type TestDatabase } from '@distillery/db/testing';
import { isAppError } from '@distillery/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadTrainingData } from '../src/jobs/shared/load-data.ts';

const base = mkdtempSync(join(tmpdir(), 'runner-roots-'));
const root = join(base, 'datasets');
const secret = join(base, 'other-project-private');
let db: TestDatabase;
let projectId: string;

beforeAll(async () => {
  mkdirSync(join(root, 'ok', 'train', 'a'), { recursive: true });
  mkdirSync(join(secret, 'train', 'a'), { recursive: true });
  writeFileSync(join(secret, 'train', 'a', 'x.png'), 'not really an image');
  symlinkSync(secret, join(root, 'sneaky'));
  db = await createTestDatabase();
  projectId = (await db.prisma.project.create({ data: { slug: 'r', name: 'R' } })).id;
});
afterAll(() => db.drop());

/** A FOLDER dataset row pointing at `sourceUri`, with a split, as if written straight to the database. */
async function splitOf(name: string, sourceUri: string): Promise<string> {
  const ds = await db.prisma.dataset.create({
    data: {
      projectId,
      name,
      preset: 'cifar10',
      height: 32,
      width: 32,
      channels: 3,
      classNames: ['a', 'b'],
      augmentation: {},
      source: 'FOLDER',
      sourceUri,
      contentHash: '0'.repeat(64),
      trainCount: 1,
      testCount: 0,
    },
  });
  const split = await db.prisma.split.create({
    data: {
      datasetId: ds.id,
      seed: 1,
      method: 'BERNOULLI',
      valFraction: 0,
      stratified: false,
      assignment: new Uint8Array([0]),
      trainCount: 1,
      valCount: 0,
      testCount: 0,
    },
  });
  return split.id;
}

async function refusal(splitId: string) {
  try {
    await loadTrainingData(db.prisma, splitId, null, { roots: [root] });
  } catch (e) {
    return e;
  }
  throw new Error('loaded');
}

describe('runner dataset roots', () => {
  for (const [name, uri] of [
    ['absolute', secret],
    ['dotdot', `${root}/../other-project-private`],
    ['symlink', join(root, 'sneaky')],
    ['etc', '/etc'],
  ] as const)
    it(`refuses a ${name} folder outside its roots with FORBIDDEN, naming no path`, async () => {
      const e = await refusal(await splitOf(name, uri));
      expect(isAppError(e) && e.code).toBe('FORBIDDEN');
      expect((e as Error).message).toContain(`dataset ${name}`);
      expect((e as Error).message).not.toContain(base);
    });

  it('names the dataset, not the folder, when a file inside a root is bad', async () => {
    mkdirSync(join(root, 'broken', 'train', 'a'), { recursive: true });
    writeFileSync(join(root, 'broken', 'train', 'a', 'bad.png'), 'not a png');
    const e = await refusal(await splitOf('broken', join(root, 'broken')));
    expect((e as Error).message).not.toContain(base);
    expect((e as Error).message).toContain('<broken>');
  });
});
