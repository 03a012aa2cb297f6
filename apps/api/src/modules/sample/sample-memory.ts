// The pixels the API serves sample images from, held in memory: dataset packs (fetched into the disk
// cache and hash-checked once by loadDatasetPack, as runners do) and the IDX presets (MNIST,
// Fashion-MNIST: read and SHA-256 checked once by readIdxPresetAsync, as runners read them). Each is kept
// while all fit one byte budget, so a page of thumbnails reads a dataset once instead of once per image;
// concurrent requests share one load.
import { loadDatasetPack, openPack, type ArtifactStore } from '@distillery/artifacts';
import { readIdxPresetAsync, type IdxPreset, type IdxPresetKey } from '@distillery/artifacts/idx';

/** A verified pack: its index and its pixels. */
export type HeldPack = ReturnType<typeof openPack>;

/** Packs by content hash and IDX presets by key, least recently used dropped first over `budgetBytes`. */
export class SampleMemory {
  // Keys are `pack:<sha256>` or `idx:<preset>`, so each key's promise has the type its getter gives it.
  private readonly held = new Map<string, Promise<unknown>>();
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly store: ArtifactStore,
    private readonly cacheDir: string,
    /** Most bytes held at once; a single dataset larger than this is never loaded (see SAMPLE_LIMITS). */
    readonly budgetBytes: number,
  ) {}

  /** The pack whose SHA-256 is `sha256`, loaded at most once while it stays in the budget. */
  pack(sha256: string): Promise<HeldPack> {
    return this.hold(`pack:${sha256}`, async () => {
      const bytes = await loadDatasetPack(this.store, sha256, this.cacheDir);
      return { value: openPack(bytes), bytes: bytes.byteLength };
    });
  }

  /** The train and t10k sets of an IDX preset, read and verified at most once while in the budget. */
  idx(key: IdxPresetKey): Promise<IdxPreset> {
    return this.hold(`idx:${key}`, async () => {
      const value = await readIdxPresetAsync(key);
      return { value, bytes: value.train.images.byteLength + value.test.images.byteLength };
    });
  }

  private hold<T>(key: string, load: () => Promise<{ value: T; bytes: number }>): Promise<T> {
    const hit = this.held.get(key) as Promise<T> | undefined;
    if (hit) {
      this.held.delete(key);
      this.held.set(key, hit);
      return hit;
    }
    const loading = load().then(({ value, bytes }) => {
      this.sizes.set(key, bytes);
      this.evict();
      return value;
    });
    // A failed load is not kept: the next request tries again.
    loading.catch(() => {
      this.held.delete(key);
      this.sizes.delete(key);
    });
    this.held.set(key, loading);
    return loading;
  }

  private evict(): void {
    let total = [...this.sizes.values()].reduce((a, b) => a + b, 0);
    for (const key of this.held.keys()) {
      if (total <= this.budgetBytes || this.held.size <= 1) break;
      total -= this.sizes.get(key) ?? 0;
      this.held.delete(key);
      this.sizes.delete(key);
    }
  }
}
