import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { badInput } from '@distillery/errors';

import { sha256Hex, type ArtifactStore, type StoredObject } from './store.ts';

/** Options of an S3-compatible store (AWS, MinIO, Ceph, R2 …). */
export interface S3StoreOptions {
  bucket: string;
  prefix: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
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

  async put(key: string, bytes: Uint8Array, contentType = 'application/octet-stream'): Promise<StoredObject> {
    const objectKey = [this.options.prefix, key].filter(Boolean).join('/');
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

  async get(uri: string): Promise<Uint8Array> {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) throw badInput('artifact uri', uri, 'expected s3://bucket/key');
    const out = await this.client.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }));
    if (!out.Body) throw badInput('artifact uri', uri, 'object has no body');
    return out.Body.transformToByteArray();
  }
}
