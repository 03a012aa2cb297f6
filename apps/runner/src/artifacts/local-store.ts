import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { badInput } from '@distillery/errors';

import { sha256Hex, type ArtifactStore, type StoredObject } from './store.ts';

/** The default store: a folder on the runner's disk (shared volume when runners are many). */
export class LocalArtifactStore implements ArtifactStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Uint8Array): Promise<StoredObject> {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep)) throw badInput('artifact key', key, 'must stay inside the store');
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a runner killed mid-write never leaves a truncated checkpoint behind.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    return { uri: pathToFileURL(path).href, sha256: sha256Hex(bytes), sizeBytes: bytes.byteLength };
  }

  async get(uri: string): Promise<Uint8Array> {
    if (!uri.startsWith('file://'))
      throw badInput('artifact uri', uri, 'the local store reads file:// uris only');
    return new Uint8Array(await readFile(fileURLToPath(uri)));
  }
}
