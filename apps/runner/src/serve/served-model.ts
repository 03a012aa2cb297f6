// A model version ready to answer: its exported LayersModel(s) loaded from the artifact store, exactly
// the files a download gives. A student version runs its one model; an ensemble version runs every
// member's export and fuses their probabilities with the version's rule (voting rules elect a class
// and report no probabilities).
import type { ArtifactStore } from '@distillery/artifacts';
import type { PrismaClient } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { ImageShape } from '@distillery/ml';
import { loadLayersModelFiles, predictPixels, type LoadedModel } from '@distillery/ml/export';
import type { FusionRule } from '@distillery/domain';
import { createEnsemble, fusePredictions } from '@distillery/ml/fusion';

/** What the serving process knows about a loaded version. */
export interface ServedModel {
  versionId: string;
  name: string;
  version: number;
  stage: string;
  classNames: string[];
  inputShape: ImageShape;
  rule: string | null;
  /** Class probabilities (null for voting rules) and the chosen class of each of `n` images. */
  predict(pixels: Float32Array, n: number): { probabilities: Float32Array | null; classes: Int32Array };
  dispose(): void;
}

async function loadExport(prisma: PrismaClient, store: ArtifactStore, runId: string): Promise<LoadedModel> {
  const artifact = await prisma.artifact.findFirst({
    where: { runId, kind: 'TFJS_MODEL' },
    orderBy: { createdAt: 'desc' },
  });
  if (!artifact) throw new AppError(AppErrorCode.NOT_FOUND, `run ${runId} has no exported model`);
  const files = new Map<string, Uint8Array>();
  for (const f of artifact.files as unknown as { path: string; uri: string }[])
    files.set(f.path, await store.get(f.uri));
  return loadLayersModelFiles(files);
}

function argmax(probs: Float32Array, n: number, c: number): Int32Array {
  const out = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (probs[s * c + k]! > probs[s * c + best]!) best = k;
    out[s] = best;
  }
  return out;
}

/** Load a model version (by id) with its dataset's class names and image shape. */
export async function loadServedModel(
  prisma: PrismaClient,
  store: ArtifactStore,
  versionId: string,
): Promise<ServedModel> {
  const v = await prisma.modelVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: {
      model: true,
      run: { include: { dataset: true } },
      ensemble: { include: { members: { orderBy: { position: 'asc' }, include: { teacher: true } } } },
    },
  });
  const d = v.run.dataset;
  if (!d) throw new AppError(AppErrorCode.NOT_FOUND, `model ${v.model.name}@${v.version} has no dataset`);
  const shape: ImageShape = [d.height, d.width, d.channels];
  const classes = d.classNames.length;
  const members = v.ensemble
    ? await Promise.all(v.ensemble.members.map((m) => loadExport(prisma, store, m.teacher!.runId)))
    : [await loadExport(prisma, store, v.runId)];
  const weights = v.ensemble?.members.map((m) => m.weight ?? 1) ?? [];
  const rule = (v.rule ?? 'mean') as FusionRule;
  return {
    versionId: v.id,
    name: v.model.name,
    version: v.version,
    stage: v.stage,
    classNames: d.classNames,
    inputShape: shape,
    rule: v.rule,
    predict(pixels, n) {
      const outputs = members.map((m) => predictPixels(m, pixels, n, shape));
      if (!v.ensemble) return { probabilities: outputs[0]!, classes: argmax(outputs[0]!, n, classes) };
      const ensemble = createEnsemble({
        members: outputs.map((probabilities, i) => ({ name: `m${i}`, split: 'serve', probabilities })),
        labels: new Int32Array(n),
        classes,
      });
      const fused = fusePredictions(ensemble, rule, rule === 'weighted-mean' ? { weights } : {});
      return { probabilities: fused.probabilities ?? null, classes: fused.predictions };
    },
    dispose: () => members.forEach((m) => m.dispose()),
  };
}
