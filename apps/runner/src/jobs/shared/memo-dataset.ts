// The last dataset this job thread decoded, for the thread's next job. Job threads serve many jobs
// (threads/job-thread-handle.ts), and a lab's jobs mostly train on one dataset: decoding MNIST's IDX
// files and building its 70,000 sample ids costs ~140 ms a job. Only immutable sources are kept (a
// preset's package files, a pack by its content hash; never a FOLDER, whose files may change). The
// kept dataset never leaves load-data.ts: a job gets copies of the samples it uses (its subset, val
// and test), so no job sees another's writes.
import type { Dataset, LabeledImages } from '@distillery/ml';

// Above this, a dataset kept between jobs costs more memory than its decode saves time.
const MAX_BYTES = 512 * 2 ** 20;
let last: { key: string; dataset: Dataset } | null = null;

/** A split's own copy (arrays and ids). */
export function copySplit(s: LabeledImages): LabeledImages {
  return { images: s.images.slice(), labels: s.labels.slice(), count: s.count, ids: s.ids.slice() };
}

function bytesOf(d: Dataset): number {
  return d.train.images.length + (d.val?.images.length ?? 0) + d.test.images.length;
}

/**
 * The dataset behind `key` (an immutable source's name), decoded by `load` unless this thread kept
 * it. Read-only for the caller: it is shared with the thread's later jobs.
 */
export async function memoDataset(key: string, load: () => Promise<Dataset>): Promise<Dataset> {
  if (last?.key === key) return last.dataset;
  last = null;
  const dataset = await load();
  if (bytesOf(dataset) <= MAX_BYTES) last = { key, dataset };
  return dataset;
}
