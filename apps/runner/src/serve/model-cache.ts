// Which version a reference names right now (re-read every `ttlMs`, so a promotion is served within
// that time), and the loaded versions (the most recently used `capacity` stay in memory).
import type { ArtifactStore } from '@distillery/artifacts';
import type { PrismaClient } from '@distillery/db';
import { parseModelReference, versionWhere } from '@distillery/db/models';

import { PredictBatcher } from './batcher.ts';
import { loadServedModel, type ServedModel } from './served-model.ts';

/** A loaded version and its batcher. */
export interface Loaded {
  model: ServedModel;
  batcher: PredictBatcher;
}

/** Resolves references to loaded model versions. */
export class ModelCache {
  private readonly refs = new Map<string, { versionId: string | null; at: number }>();
  private readonly loaded = new Map<string, Promise<Loaded>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly store: ArtifactStore,
    private readonly o: { ttlMs: number; capacity: number; maxBatch: number },
  ) {}

  /** The loaded version `reference` names in `projectId`, or null when it names none. */
  async get(projectId: string, reference: string): Promise<Loaded | null> {
    const key = `${projectId}\u0000${reference}`;
    let hit = this.refs.get(key);
    if (!hit || Date.now() - hit.at > this.o.ttlMs) {
      const sel = parseModelReference(reference);
      const v = await this.prisma.modelVersion.findFirst({
        where: versionWhere(projectId, sel),
        select: { id: true },
      });
      hit = { versionId: v?.id ?? null, at: Date.now() };
      this.refs.set(key, hit);
    }
    if (!hit.versionId) return null;
    return this.load(hit.versionId);
  }

  private load(versionId: string): Promise<Loaded> {
    let p = this.loaded.get(versionId);
    if (p) {
      // Re-insert: Map order is the recency order.
      this.loaded.delete(versionId);
      this.loaded.set(versionId, p);
      return p;
    }
    p = loadServedModel(this.prisma, this.store, versionId).then((model) => {
      const [h, w, c] = model.inputShape;
      return {
        model,
        batcher: new PredictBatcher(
          (px, n) => model.predict(px, n),
          h * w * c,
          model.classNames.length,
          this.o.maxBatch,
        ),
      };
    });
    p.catch(() => this.loaded.delete(versionId));
    this.loaded.set(versionId, p);
    while (this.loaded.size > this.o.capacity) {
      const [oldest, loading] = this.loaded.entries().next().value!;
      this.loaded.delete(oldest);
      void loading.then(
        (l) => l.model.dispose(),
        () => undefined,
      );
    }
    return p;
  }

  /** Free every loaded model. */
  async close(): Promise<void> {
    for (const p of this.loaded.values())
      await p.then(
        (l) => l.model.dispose(),
        () => undefined,
      );
    this.loaded.clear();
  }
}
