import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { badInput } from '@distillery/errors';

import { LocalArtifactStore } from './local-store.ts';
import { S3ArtifactStore } from './s3-store.ts';
import type { ArtifactStore, ArtifactStoreConfig } from './store.ts';

export type { ArtifactStore, ArtifactStoreConfig, PutStreamOptions, StoredObject } from './store.ts';
export { contentKey, sha256Hex } from './store.ts';

/** Settings the store is derived from (from env.ts). */
export interface ArtifactEnv {
  ARTIFACT_STORE?: string | undefined;
  DISTILLERY_DATA_DIR: string;
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
}

/** Parse `ARTIFACT_STORE` (`file:///dir`, a plain path, or `s3://bucket/prefix`) into a config. */
export function artifactStoreConfig(env: ArtifactEnv): ArtifactStoreConfig {
  const spec = env.ARTIFACT_STORE ?? join(env.DISTILLERY_DATA_DIR, 'artifacts');
  if (spec.startsWith('s3://')) {
    const [bucket, ...prefix] = spec.slice('s3://'.length).split('/');
    if (!bucket) throw badInput('ARTIFACT_STORE', spec, 'expected s3://bucket[/prefix]');
    return {
      kind: 's3',
      bucket,
      prefix: prefix.filter(Boolean).join('/'),
      region: env.S3_REGION,
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
      ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID } : {}),
      ...(env.S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
    };
  }
  return { kind: 'local', root: spec.startsWith('file://') ? fileURLToPath(spec) : spec };
}

/** Build the store a config describes. */
export function openArtifactStore(config: ArtifactStoreConfig): ArtifactStore {
  return config.kind === 's3' ? new S3ArtifactStore(config) : new LocalArtifactStore(config.root);
}
export { bundleDigest, type BundleFile } from './bundle.ts';
export { cachedPackPath, loadDatasetPack, type PackCacheOptions } from './dataset-cache.ts';
export {
  buildPack,
  openPack,
  PACK_FORMAT,
  PACK_LIMITS,
  packRoles,
  parsePackPrefix,
  readPackIndex,
  type PackContent,
  type PackHeader,
  type PackIndex,
} from './dataset-pack.ts';
export { packChecker } from './pack-check.ts';
