import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** What the store reports about bytes it kept: enough for an `Artifact` row. */
export interface StoredObject {
  /** `file:///…` or `s3://bucket/key`. */
  uri: string;
  sha256: string;
  sizeBytes: number;
}

/** Options of a streamed put. */
export interface PutStreamOptions {
  contentType?: string;
  /** When set, bytes whose sha256 differs are refused with DATA_CORRUPT and nothing is kept. */
  expectedSha256?: string;
  /** Refuse (BAD_USER_INPUT) a stream longer than this many bytes. */
  maxBytes?: number;
}

/** Where checkpoints, exported models, prediction files and dataset packs live. */
export interface ArtifactStore {
  /** Store `bytes` under `key` (a relative path such as `<project>/<run>/epoch-3.bin`); overwrites. */
  put(key: string, bytes: Uint8Array, contentType?: string): Promise<StoredObject>;
  /** Store a stream under `key`, hashing as it goes (never the whole object in memory). */
  putStream(key: string, body: Readable, options?: PutStreamOptions): Promise<StoredObject>;
  /** Read back an object by the uri `put` returned. */
  get(uri: string): Promise<Uint8Array>;
  /** Stream an object by uri (downloads are served from this, never from a buffered copy). */
  open(uri: string): Promise<Readable>;
  /** The uri of `key` when an object is stored there, else null. */
  find(key: string): Promise<string | null>;
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

/**
 * The key of content-addressed bytes: `cas/sha256/<2 hex>/<64 hex>` (git's fan-out, so no folder
 * holds millions of entries). Dataset packs live here, so equal content is stored once.
 */
export function contentKey(sha256: string): string {
  return `cas/sha256/${sha256.slice(0, 2)}/${sha256}`;
}
