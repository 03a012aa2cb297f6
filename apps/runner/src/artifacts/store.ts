import { createHash } from 'node:crypto';

/** What the store reports about bytes it kept: enough for an `Artifact` row. */
export interface StoredObject {
  /** `file:///…` or `s3://bucket/key`. */
  uri: string;
  sha256: string;
  sizeBytes: number;
}

/** Where checkpoints, weights and prediction files live. */
export interface ArtifactStore {
  /** Store `bytes` under `key` (a relative path such as `<project>/<run>/epoch-3.bin`); overwrites. */
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<StoredObject>;
  /** Read back an object by the uri `put` returned. */
  get(uri: string): Promise<Uint8Array>;
}

/** Serialisable store configuration, handed to job threads. */
export type ArtifactStoreConfig =
  | { kind: 'local'; root: string }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      endpoint?: string;
      region: string;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

/** sha256 hex of bytes (artifact rows carry it so corruption is detectable). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
