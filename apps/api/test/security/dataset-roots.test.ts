// Issue 14 finding 3 (API side): a FOLDER dataset's sourceUri must lie inside the configured dataset
// roots; absolute paths elsewhere, `..` escapes and prefix tricks are refused at registration with
// BAD_USER_INPUT, nothing is written, and no message names the server's roots.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createUser, startApi, type Api } from '../helpers/harness.ts';

const root = mkdtempSync(join(tmpdir(), 'ds-root-'));
mkdirSync(join(root, 'cifar10'));
let api: Api;
let token: string;
let projectId: string;

const REGISTER = `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id source sourceUri } }`;
const folder = (name: string, sourceUri: string, source = 'FOLDER') => ({
  i: { projectId, name, source, sourceUri, preset: 'cifar10', contentHash: 'f'.repeat(64) },
});

beforeAll(async () => {
  api = await startApi(undefined, { datasetRoots: [root] });
  projectId = (await api.db.prisma.project.create({ data: { slug: 'roots', name: 'Roots' } })).id;
  token = (await createUser(api, projectId, 'MEMBER', 'roots')).token;
});
afterAll(() => api.close());

describe('dataset roots at registration', () => {
  const hostile = [
    '/etc',
    '/root/.ssh',
    '../../etc',
    'cifar10/../../../etc',
    `${root}/../other-project`,
    `${root}-evil/cifar10`,
    'C:\\Windows',
  ];
  for (const sourceUri of hostile)
    it(`refuses ${JSON.stringify(sourceUri)} with BAD_USER_INPUT, writes nothing, echoes no server path`, async () => {
      const r = await api.gql(REGISTER, folder(`x-${Math.random()}`, sourceUri), token);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceUri' });
      const msg = r.errors![0]!.message.replace(JSON.stringify(sourceUri.slice(0, 77)).slice(1, -1), '');
      expect(msg).not.toContain(root);
      expect(await api.db.prisma.dataset.count()).toBe(0);
    });

  it('refuses a NUL in the path before any resolver runs', async () => {
    const r = await api.gql(REGISTER, folder('nul', `${root}/cifar10\u0000/x`), token);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await api.db.prisma.dataset.count()).toBe(0);
  });

  it('refuses a sourceUri on sources that load from a package', async () => {
    const r = await api.gql(REGISTER, folder('m', `${root}/cifar10`, 'MNIST'), token);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceUri' });
  });

  it('accepts a folder inside a root, absolute or relative to the first root, stored normalised', async () => {
    const abs = await api.gql<{ registerDataset: { sourceUri: string } }>(
      REGISTER,
      folder('abs', `${root}/./cifar10/`),
      token,
    );
    expect(abs.errors).toBeUndefined();
    expect(abs.data!.registerDataset.sourceUri).toBe(join(root, 'cifar10'));
    const rel = await api.gql<{ registerDataset: { sourceUri: string } }>(
      REGISTER,
      folder('rel', 'cifar10'),
      token,
    );
    expect(rel.data!.registerDataset.sourceUri).toBe(join(root, 'cifar10'));
  });

  it('refuses every folder when the deployment configured no roots', async () => {
    const bare = await startApi(api.db, { datasetRoots: [] });
    try {
      const r = await bare.gql(REGISTER, folder('none', `${root}/cifar10`), token);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sourceUri' });
    } finally {
      await bare.server.stop();
    }
  });
});
