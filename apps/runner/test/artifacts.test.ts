import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { artifactStoreConfig, openArtifactStore, sha256Hex } from '../src/artifacts/index.ts';
import { parseNvidiaSmi } from '../src/system/system-metrics.ts';

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

describe('GPU metrics', () => {
  it('parse one line per GPU from nvidia-smi', () => {
    expect(parseNvidiaSmi('87, 10240\n3, 512\n')).toEqual({
      'system/gpu0_util_percent': 87,
      'system/gpu0_memory_mb': 10240,
      'system/gpu1_util_percent': 3,
      'system/gpu1_memory_mb': 512,
    });
  });
});
