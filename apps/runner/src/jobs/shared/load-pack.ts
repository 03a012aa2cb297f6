// A packed dataset on a runner: fetched by its contentHash from the artifact store into the runner's
// cache (verified there and on every use), then cut into the ML core's arrays without a copy. The
// registering machine's folder is never read; bytes that are not the registered ones fail the run
// with DATA_CORRUPT.
import { loadDatasetPack, type ArtifactStore } from '@distillery/artifacts';
import { AppError, AppErrorCode } from '@distillery/errors';
import { datasetFromPack, type Dataset } from '@distillery/ml';

/** What a packed dataset row must agree with. */
export interface PackedRow {
  name: string;
  contentHash: string;
  height: number;
  width: number;
  channels: number;
  classNames: string[];
  trainCount: number;
  testCount: number;
  valCount: number;
}

/** Load the pack of `row` through the cache and turn it into a Dataset. */
export async function loadPackedDataset(
  row: PackedRow,
  artifacts: ArtifactStore,
  cacheDir: string,
): Promise<Dataset> {
  let bytes: Uint8Array;
  try {
    bytes = await loadDatasetPack(artifacts, row.contentHash, cacheDir);
  } catch (e) {
    if (e instanceof AppError) e.message = `dataset ${row.name}: ${e.message}`;
    throw e;
  }
  const { dataset, index } = datasetFromPack(bytes, row.name);
  const h = index.header;
  const claimed = [row.height, row.width, row.channels, row.trainCount, row.valCount, row.testCount];
  const packed = [...h.shape, h.counts.train, h.counts.val, h.counts.test];
  if (claimed.join() !== packed.join() || row.classNames.join('\n') !== h.classNames.join('\n'))
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `dataset ${row.name}: the record (${claimed.join(', ')}; ${row.classNames.length} classes) no longer matches its pack (${packed.join(', ')}; ${h.classNames.length} classes)`,
    );
  return dataset;
}
