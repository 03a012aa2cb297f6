import { createReadStream } from 'node:fs';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { badInput, notFound } from '@distillery/errors';

import { spoolToFile } from './spool.ts';
import { sha256Hex, type ArtifactStore, type PutStreamOptions, type StoredObject } from './store.ts';

/** The default store: a folder on the runner's disk (shared volume when runners are many). */
export class LocalArtifactStore implements ArtifactStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private pathOf(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw badInput('artifact key', key, 'must stay inside the store');
    return path;
  }

  private fileOf(uri: string): string {
    if (!uri.startsWith('file://'))
      throw badInput('artifact uri', uri, 'the local store reads file:// uris only');
    return fileURLToPath(uri);
  }

  async put(key: string, bytes: Uint8Array): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a runner killed mid-write never leaves a truncated checkpoint behind.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return { uri: pathToFileURL(path).href, sha256: sha256Hex(bytes), sizeBytes: bytes.byteLength };
  }

  async putStream(key: string, body: Readable, options?: PutStreamOptions): Promise<StoredObject> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const { sha256, sizeBytes } = await spoolToFile(body, tmp, options);
    await rename(tmp, path);
    return { uri: pathToFileURL(path).href, sha256, sizeBytes };
  }

  async get(uri: string): Promise<Uint8Array> {
    return new Uint8Array(await readFile(this.fileOf(uri)));
  }

  async open(uri: string): Promise<Readable> {
    const file = this.fileOf(uri);
    // Fail before the first byte (a missing object is a 404, not a broken response).
    await access(file).catch(() => {
      throw notFound('artifact', uri);
    });
    return createReadStream(file);
  }

  async find(key: string): Promise<string | null> {
    const path = this.pathOf(key);
    return access(path).then(
      () => pathToFileURL(path).href,
      () => null,
    );
  }
}
