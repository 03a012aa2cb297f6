import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';

import { AppErrorCode } from '@distillery/errors';
import { describe, expect, it } from 'vitest';

import { artifactStoreConfig, contentKey, openArtifactStore, sha256Hex } from './index.ts';

const env = { DISTILLERY_DATA_DIR: '.data', S3_REGION: 'us-east-1' };

describe('artifact store configuration', () => {
  it('defaults to a local folder under the data dir and reads s3:// specs', () => {
    expect(artifactStoreConfig(env)).toEqual({ kind: 'local', root: join('.data', 'artifacts') });
    expect(artifactStoreConfig({ ...env, ARTIFACT_STORE: 'file:///srv/artifacts' })).toEqual({
      kind: 'local',
      root: '/srv/artifacts',
    });
    expect(
      artifactStoreConfig({
        ...env,
        ARTIFACT_STORE: 's3://lab-bucket/runs/mtkd',
        S3_ENDPOINT: 'http://minio:9000',
      }),
    ).toEqual({
      kind: 's3',
      bucket: 'lab-bucket',
      prefix: 'runs/mtkd',
      region: 'us-east-1',
      endpoint: 'http://minio:9000',
    });
    expect(() => artifactStoreConfig({ ...env, ARTIFACT_STORE: 's3://' })).toThrow(
      /ARTIFACT_STORE: expected s3:\/\/bucket/,
    );
  });
});

describe('the local artifact store', () => {
  it('stores bytes atomically under the key, reports their hash, and reads them back by uri', async () => {
    const root = mkdtempSync(join(tmpdir(), 'artifacts-'));
    const store = openArtifactStore({ kind: 'local', root });
    const bytes = new TextEncoder().encode('weights of epoch 3');
    const stored = await store.put('p/r/epoch-3.bin', bytes);
    expect(stored).toEqual({
      uri: `file://${root}/p/r/epoch-3.bin`,
      sha256: sha256Hex(bytes),
      sizeBytes: bytes.byteLength,
    });
    expect(readFileSync(fileURLToPath(stored.uri), 'utf8')).toBe('weights of epoch 3');
    expect(new TextDecoder().decode(await store.get(stored.uri))).toBe('weights of epoch 3');
    await expect(store.put('../escape.bin', bytes)).rejects.toThrow(/must stay inside the store/);
  });
});

describe('streams through the local store', () => {
  it('puts a stream under its content key, checks the expected hash, finds and opens it', async () => {
    const store = openArtifactStore({ kind: 'local', root: mkdtempSync(join(tmpdir(), 'artifacts-')) });
    const body = 'x'.repeat(200_000);
    const sha = sha256Hex(new TextEncoder().encode(body));
    expect(contentKey(sha)).toBe(`cas/sha256/${sha.slice(0, 2)}/${sha}`);
    expect(await store.find(contentKey(sha))).toBeNull();
    const stored = await store.putStream(contentKey(sha), Readable.from([body.slice(0, 7), body.slice(7)]), {
      expectedSha256: sha,
    });
    expect(stored).toMatchObject({ sha256: sha, sizeBytes: 200_000 });
    expect(await store.find(contentKey(sha))).toBe(stored.uri);
    expect(await text(await store.open(stored.uri))).toBe(body);
  });

  it('refuses a wrong hash and an oversize stream, keeping nothing under the key', async () => {
    const store = openArtifactStore({ kind: 'local', root: mkdtempSync(join(tmpdir(), 'artifacts-')) });
    const wrong = '0'.repeat(64);
    await expect(
      store.putStream('k/wrong', Readable.from(['abc']), { expectedSha256: wrong }),
    ).rejects.toMatchObject({ code: AppErrorCode.DATA_CORRUPT });
    await expect(store.putStream('k/big', Readable.from(['abcdef']), { maxBytes: 3 })).rejects.toMatchObject({
      code: AppErrorCode.BAD_USER_INPUT,
    });
    expect(await store.find('k/wrong')).toBeNull();
    expect(await store.find('k/big')).toBeNull();
    await expect(store.open('file:///nonexistent/artifact')).rejects.toMatchObject({
      code: AppErrorCode.NOT_FOUND,
    });
  });
});
