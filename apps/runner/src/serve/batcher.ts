// Dynamic batching (TF Serving's idea, in its simplest form): requests for one model that arrive
// while a batch runs wait and go through together in the next one, up to `maxBatch` images, so
// concurrent callers share forward passes. A lone request runs at once (no timer to wait out).
/** One caller's images and where their answers go. */
interface Pending {
  pixels: Float32Array;
  n: number;
  resolve: (r: { probabilities: Float32Array | null; classes: Int32Array }) => void;
  reject: (e: unknown) => void;
}

/** Batches predictions of one model. */
export class PredictBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly predict: (
      pixels: Float32Array,
      n: number,
    ) => { probabilities: Float32Array | null; classes: Int32Array },
    private readonly imageSize: number,
    private readonly classes: number,
    private readonly maxBatch: number,
  ) {}

  /** Predict `n` images (NHWC float pixels); resolves with their rows of the batch's answer. */
  submit(
    pixels: Float32Array,
    n: number,
  ): Promise<{ probabilities: Float32Array | null; classes: Int32Array }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ pixels, n, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.drain());
      }
    });
  }

  private drain(): void {
    const batch: Pending[] = [];
    let images = 0;
    while (this.queue.length && (batch.length === 0 || images + this.queue[0]!.n <= this.maxBatch)) {
      const p = this.queue.shift()!;
      batch.push(p);
      images += p.n;
    }
    try {
      const pixels = new Float32Array(images * this.imageSize);
      let at = 0;
      for (const p of batch) {
        pixels.set(p.pixels, at * this.imageSize);
        at += p.n;
      }
      const out = this.predict(pixels, images);
      at = 0;
      for (const p of batch) {
        p.resolve({
          probabilities: out.probabilities?.slice(at * this.classes, (at + p.n) * this.classes) ?? null,
          classes: out.classes.slice(at, at + p.n),
        });
        at += p.n;
      }
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
    // Yield to I/O before the next batch, so requests that arrived meanwhile join it.
    if (this.queue.length) setImmediate(() => this.drain());
    else this.scheduled = false;
  }
}
