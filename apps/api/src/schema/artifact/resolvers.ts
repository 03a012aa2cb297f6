import type { Resolvers } from '../../generated/resolvers-types.ts';
import { downloadUrl, filesOf } from '../../modules/artifact/artifact-files.ts';
import { getArtifact, modelArtifacts, runArtifacts } from '../../modules/artifact/artifact.service.ts';

export const artifactResolvers: Resolvers = {
  Query: {
    artifact: (_p, a, ctx) => getArtifact(ctx, a.id),
  },
  Run: {
    artifacts: (r, a, ctx) => runArtifacts(ctx, r.id!, a.kinds),
  },
  Teacher: {
    artifacts: (t, _a, ctx) => modelArtifacts(ctx, t.runId!),
  },
  Student: {
    artifacts: (s, _a, ctx) => modelArtifacts(ctx, s.runId!),
  },
  Ensemble: {
    artifacts: (e, _a, ctx) => (e.runId ? modelArtifacts(ctx, e.runId) : []),
  },
  Artifact: {
    sizeBytes: (a) => Number(a.sizeBytes),
    downloadUrl: (a, _x, ctx) => downloadUrl(ctx.origin ?? '', a.id!, filesOf(a as never)[0]!.path),
    files: (a, _x, ctx) =>
      filesOf(a as never).map((f) => ({
        path: f.path,
        sizeBytes: f.sizeBytes,
        sha256: f.sha256,
        contentType: f.contentType,
        downloadUrl: downloadUrl(ctx.origin ?? '', a.id!, f.path),
      })),
  },
};
