import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';

import { badInput, notFound } from '@distillery/errors';

import { spoolToFile } from './spool.ts';
import { sha256Hex, type ArtifactStore, type PutStreamOptions, type StoredObject } from './store.ts';

/** Options of an S3-compatible store (AWS, MinIO, Ceph, R2 …). */
export interface S3StoreOptions {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

function isMissing(e: unknown): boolean {
  return e instanceof NotFound || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404);
}

/** Artifacts in an S3-compatible bucket through the AWS SDK v3 client. */
export class S3ArtifactStore implements ArtifactStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3StoreOptions) {
    const { endpoint, region, accessKeyId, secretAccessKey } = options;
    this.client = new S3Client({
      region,
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    });
  }

  private objectKey(key: string): string {
    return [this.options.prefix, key].filter(Boolean).join('/');
  }

  private parse(uri: string): { Bucket: string; Key: string } {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) throw badInput('artifact uri', uri, 'expected s3://bucket/key');
    return { Bucket: match[1]!, Key: match[2]! };
  }

  async put(key: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<StoredObject> {
    const objectKey = this.objectKey(key);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: objectKey,
        Body: bytes,
        ContentType: contentType,
      }),
    );
    return {
      uri: `s3://${this.options.bucket}/${objectKey}`,
      sha256: sha256Hex(bytes),
      sizeBytes: bytes.byteLength,
    };
  }

  async putStream(key: string, body: Readable, options: PutStreamOptions = {}): Promise<StoredObject> {
    // Spool to a local file first: the hash is checked before anything reaches the bucket, and a
    // single PUT of a known length needs no multipart bookkeeping.
    const dir = await mkdtemp(join(tmpdir(), 'distillery-s3-'));
    try {
      const tmp = join(dir, 'body');
      const { sha256, sizeBytes } = await spoolToFile(body, tmp, options);
      const objectKey = this.objectKey(key);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.options.bucket,
          Key: objectKey,
          Body: createReadStream(tmp),
          ContentLength: sizeBytes,
          ContentType: options.contentType ?? 'application/octet-stream',
        }),
      );
      return { uri: `s3://${this.options.bucket}/${objectKey}`, sha256, sizeBytes };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async get(uri: string): Promise<Uint8Array> {
    const out = await this.client.send(new GetObjectCommand(this.parse(uri)));
    if (!out.Body) throw badInput('artifact uri', uri, 'object has no body');
    return out.Body.transformToByteArray();
  }

  async open(uri: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand(this.parse(uri)));
      if (!out.Body) throw notFound('artifact', uri);
      return out.Body as Readable;
    } catch (e) {
      if (isMissing(e) || (e as { name?: string }).name === 'NoSuchKey') throw notFound('artifact', uri);
      throw e;
    }
  }

  async find(key: string): Promise<string | null> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      return `s3://${this.options.bucket}/${Key}`;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }
}
