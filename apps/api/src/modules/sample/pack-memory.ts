// Dataset packs held in the API's memory for serving sample images: fetched into the disk cache and
// hash-checked once (loadDatasetPack, as runners do), then kept while they fit a byte budget, so a page
// of thumbnails reads a pack once instead of once per image. Concurrent requests share one load.
import { loadDatasetPack, openPack, type ArtifactStore } from '@distillery/artifacts';

/** A verified pack: its index and its pixels. */
export type HeldPack = ReturnType<typeof openPack>;

/** Packs by content hash, least recently used dropped first once `budgetBytes` is exceeded. */
export class PackMemory {
  private readonly held = new Map<string, Promise<HeldPack>>();
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly store: ArtifactStore,
    private readonly cacheDir: string,
    /** Most bytes held at once; a single pack larger than this is never loaded (see SAMPLE_LIMITS). */
    readonly budgetBytes: number,
  ) {}

  /** The pack whose SHA-256 is `sha256`, loaded at most once while it stays in the budget. */
  get(sha256: string): Promise<HeldPack> {
    const hit = this.held.get(sha256);
    if (hit) {
      this.held.delete(sha256);
      this.held.set(sha256, hit);
      return hit;
    }
    const loading = loadDatasetPack(this.store, sha256, this.cacheDir).then((bytes) => {
      this.sizes.set(sha256, bytes.byteLength);
      this.evict();
      return openPack(bytes);
    });
    // A failed load is not kept: the next request tries again.
    loading.catch(() => {
      this.held.delete(sha256);
      this.sizes.delete(sha256);
    });
    this.held.set(sha256, loading);
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
