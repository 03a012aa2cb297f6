// What the runner's saveFinal leaves behind, for tests of what is derived from it (the per-class report,
// misclassified samples) without training: a FINAL checkpoint and its predictions on one split role.
import type { PrismaClient } from '@distillery/db';

/** The stored predictions of a run's final checkpoint (probabilities row-major, samples × classes). */
export interface FinalPredictions {
  projectId: string;
  runId: string;
  splitId: string;
  splitRole?: 'TEST' | 'VAL';
  samples: number;
  classes: number;
  probs?: readonly number[];
  /** True classes in sample order as u32 LE bytes (`indicesToBytes` of @distillery/domain, as the runner stores them). */
  labels?: Uint8Array<ArrayBuffer>;
  confusion?: readonly number[];
  accuracy?: number;
}

/** Record a FINAL checkpoint (its artifact a stand-in) and its predictions; returns the checkpoint id. */
export async function recordFinalPredictions(prisma: PrismaClient, p: FinalPredictions): Promise<string> {
  const artifact = await prisma.artifact.create({
    data: {
      projectId: p.projectId,
      runId: p.runId,
      kind: 'CHECKPOINT',
      name: 'final',
      uri: 'file:///final',
      sha256: '0'.repeat(64),
      sizeBytes: 1n,
    },
  });
  const cp = await prisma.checkpoint.create({
    data: { runId: p.runId, kind: 'FINAL', epoch: 1, step: 1, artifactId: artifact.id },
  });
  await prisma.prediction.create({
    data: {
      runId: p.runId,
      checkpointId: cp.id,
      splitId: p.splitId,
      splitRole: p.splitRole ?? 'TEST',
      samples: p.samples,
      classes: p.classes,
      probs: new Uint8Array(Float32Array.from(p.probs ?? [0]).buffer),
      probsHash: 'test',
      ...(p.accuracy !== undefined ? { accuracy: p.accuracy } : {}),
      ...(p.confusion ? { confusion: [...p.confusion] } : {}),
      ...(p.labels ? { labels: p.labels } : {}),
    },
  });
  return cp.id;
}
