// The files a trained model leaves the platform as (TensorFlow.js LayersModel + safetensors), stored
// next to the run's checkpoints and recorded as TFJS_MODEL / SAFETENSORS artifacts of the run. A
// retried run replaces its earlier exports.
import { bundleDigest, type BundleFile } from '@distillery/artifacts';
import type { ExportFile, ModelExports } from '@distillery/ml/export';

import type { JobContext } from '../context.ts';

const EXPORT_KINDS = ['TFJS_MODEL', 'SAFETENSORS'] as const;

/** Store both formats and record them (fenced) as the run's export artifacts. */
export async function saveExports(ctx: JobContext, exports: ModelExports): Promise<void> {
  const { projectId, runId } = ctx.lease;
  const put = async (dir: string, f: ExportFile): Promise<BundleFile> => {
    const stored = await ctx.artifacts.put(`${projectId}/${runId}/${dir}/${f.path}`, f.bytes, f.contentType);
    return { path: f.path, contentType: f.contentType, ...stored };
  };
  const tfjs: BundleFile[] = [];
  for (const f of exports.tfjs) tfjs.push(await put('tfjs', f));
  const st = await put('export', exports.safetensors);
  const main = tfjs[0]!;
  await ctx.fenced(async (tx) => {
    await tx.artifact.deleteMany({ where: { runId, kind: { in: [...EXPORT_KINDS] } } });
    await tx.artifact.create({
      data: {
        projectId,
        runId,
        kind: 'TFJS_MODEL',
        name: main.path,
        uri: main.uri,
        sha256: bundleDigest(tfjs),
        sizeBytes: BigInt(tfjs.reduce((n, f) => n + f.sizeBytes, 0)),
        contentType: main.contentType,
        files: tfjs as unknown as object[],
      },
    });
    await tx.artifact.create({
      data: {
        projectId,
        runId,
        kind: 'SAFETENSORS',
        name: st.path,
        uri: st.uri,
        sha256: st.sha256,
        sizeBytes: BigInt(st.sizeBytes),
        contentType: st.contentType,
      },
    });
  });
}
