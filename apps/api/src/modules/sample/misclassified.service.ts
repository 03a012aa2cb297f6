// The run page's misclassified samples, read off the FINAL checkpoint's stored predictions and the true
// labels stored beside them (the runner keeps them since the labels of a dataset's own test set are in
// no database record): a sample is misclassified when its most probable class is not its true class.
import { argmaxRows, bytesToIndices } from '@distillery/domain';
import { AppError, AppErrorCode, badInput } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { connectionOf, decodeCursor, pageSize } from '../../limits/paging.ts';
import { samplePath, viewableAsImage } from './sample-source.ts';

type SplitRole = 'TRAIN' | 'VAL' | 'TEST';

/** Largest page of misclassified samples (each may cost the page a thumbnail). */
export const MAX_MISCLASSIFIED_PAGE = 100;

/** The misclassified samples of one prediction row, in sample order (parallel arrays). */
interface Mistakes {
  index: Uint32Array;
  truth: Uint32Array;
  predicted: Uint32Array;
  confidence: Float32Array;
}

// Paging through one run re-reads no probabilities: a few recent rows' mistakes stay in memory, keyed
// by the row and its probsHash (an upsert that rewrote the predictions misses the cache).
const recent = new Map<string, Mistakes>();
const RECENT_ROWS = 16;

/**
 * Samples whose most probable class differs from the label, ranked by the domain's argmaxRows (the rule
 * the runner's confusionOfProbabilities uses), so the counts per (true, predicted) cell match the matrix.
 */
function findMistakes(probsBytes: Uint8Array, labels: Uint32Array, classes: number): Mistakes {
  // A copy, so the floats are aligned whatever offset the driver's buffer has.
  const probs = new Float32Array(probsBytes.slice().buffer);
  const out = {
    index: [] as number[],
    truth: [] as number[],
    predicted: [] as number[],
    conf: [] as number[],
  };
  const ranked = argmaxRows(probs, classes);
  for (let s = 0; s < labels.length; s++) {
    const best = ranked[s]!;
    if (best === labels[s]) continue;
    out.index.push(s);
    out.truth.push(labels[s]!);
    out.predicted.push(best);
    out.conf.push(probs[s * classes + best]!);
  }
  return {
    index: Uint32Array.from(out.index),
    truth: Uint32Array.from(out.truth),
    predicted: Uint32Array.from(out.predicted),
    confidence: Float32Array.from(out.conf),
  };
}

async function mistakesOf(
  ctx: Context,
  row: { id: string; probsHash: string; samples: number; classes: number },
): Promise<Mistakes> {
  const key = `${row.id}:${row.probsHash}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit;
  }
  const data = await ctx.deps.prisma.prediction.findUniqueOrThrow({
    where: { id: row.id },
    select: { probs: true, labels: true },
  });
  const labels = bytesToIndices(new Uint8Array(data.labels!));
  if (data.probs.byteLength !== row.samples * row.classes * 4 || labels.length !== row.samples)
    throw new AppError(
      AppErrorCode.DATA_CORRUPT,
      `prediction ${row.id} holds ${data.probs.byteLength} probability bytes and ${labels.length} labels for ${row.samples} samples × ${row.classes} classes`,
    );
  if (labels.some((l) => l >= row.classes))
    throw new AppError(AppErrorCode.DATA_CORRUPT, `prediction ${row.id} has a label beyond its classes`);
  const found = findMistakes(new Uint8Array(data.probs), labels, row.classes);
  recent.set(key, found);
  if (recent.size > RECENT_ROWS) recent.delete(recent.keys().next().value!);
  return found;
}

function classArg(field: string, value: number | null | undefined, classes: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value >= classes)
    throw badInput(field, value, `must be a class index from 0 to ${classes - 1}`);
  return value;
}

/** Arguments of Run.misclassified. */
export interface MisclassifiedArgs {
  splitRole: SplitRole;
  trueClass?: number | null;
  predictedClass?: number | null;
  first?: number | null;
  after?: string | null;
}

/**
 * A page of `runId`'s misclassified samples on `splitRole` (optionally one confusion cell), in sample
 * order; null when the run stored no final predictions with labels (runs from before labels were kept).
 */
export async function listMisclassified(ctx: Context, runId: string, a: MisclassifiedArgs) {
  const take = pageSize(a.first, 'first', MAX_MISCLASSIFIED_PAGE);
  const afterIndex = a.after ? Number(decodeCursor('after', a.after)) : -1;
  if (!Number.isSafeInteger(afterIndex) || afterIndex < -1)
    throw badInput('after', a.after, 'is not a cursor returned by this API');
  const row = await ctx.deps.prisma.prediction.findFirst({
    where: { runId, splitRole: a.splitRole, checkpoint: { kind: 'FINAL' }, NOT: { labels: null } },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      checkpointId: true,
      probsHash: true,
      samples: true,
      classes: true,
      split: { select: { dataset: true } },
    },
  });
  if (!row) return null;
  const trueClass = classArg('trueClass', a.trueClass, row.classes);
  const predictedClass = classArg('predictedClass', a.predictedClass, row.classes);
  if (trueClass !== null && trueClass === predictedClass)
    throw badInput('predictedClass', predictedClass, 'equals trueClass: that cell holds the right answers');
  const m = await mistakesOf(ctx, row);
  const names = row.split.dataset.classNames;
  const nameOf = (c: number) => (names.length === row.classes ? names[c]! : String(c));
  const images = viewableAsImage(row.split.dataset);
  const picked: number[] = [];
  let total = 0;
  for (let k = 0; k < m.index.length; k++) {
    if (trueClass !== null && m.truth[k] !== trueClass) continue;
    if (predictedClass !== null && m.predicted[k] !== predictedClass) continue;
    total++;
    if (m.index[k]! > afterIndex && picked.length <= take) picked.push(k);
  }
  const nodes = picked.map((k) => ({
    index: m.index[k]!,
    trueClass: m.truth[k]!,
    trueClassName: nameOf(m.truth[k]!),
    predictedClass: m.predicted[k]!,
    predictedClassName: nameOf(m.predicted[k]!),
    confidence: m.confidence[k]!,
    imageUrl: images ? `${ctx.origin ?? ''}${samplePath(runId, a.splitRole, m.index[k]!)}` : null,
  }));
  return {
    splitRole: a.splitRole,
    checkpointId: row.checkpointId,
    classNames: Array.from({ length: row.classes }, (_, c) => nameOf(c)),
    totalCount: total,
    ...connectionOf(nodes, take, a.after, (n) => String(n.index)),
  };
}
