import type { Role } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';

/** The kinds a trained model leaves the platform as, besides its FINAL checkpoint. */
const EXPORT_KINDS = ['TFJS_MODEL', 'SAFETENSORS'] as const;

/**
 * Readers of a project's artifacts: its users with `min`, and its RUNNER tokens (remote runners
 * fetch dataset packs and teacher weights through the API when they cannot reach the store).
 */
export async function requireArtifactReader(
  ctx: Context,
  projectId: string,
  min: Role = 'VIEWER',
): Promise<void> {
  if (ctx.actor.kind === 'RUNNER') {
    if (ctx.actor.projectId === projectId) return;
    throw new AppError(AppErrorCode.FORBIDDEN, 'this runner token belongs to another project');
  }
  await requireRole(ctx, projectId, min);
}

/** An artifact of a live run (or of no run, e.g. a dataset pack) the caller may read, or null. */
export async function getArtifact(ctx: Context, idRaw: string, field = 'id') {
  const artifact = await ctx.deps.prisma.artifact.findUnique({
    where: { id: parseId(field, idRaw) },
    include: { run: { select: { deletedAt: true } } },
  });
  if (!artifact || artifact.run?.deletedAt) return null;
  await requireArtifactReader(ctx, artifact.projectId);
  return artifact;
}

/** A run's artifacts, optionally of some kinds (the run was already read under the caller's role; batched). */
export function runArtifacts(ctx: Context, runId: string, kinds?: readonly string[] | null) {
  return ctx.loaders.artifactsOfRun.load([runId, [...(kinds ?? [])].sort().join(',')]);
}

/** A trained model's final weights: the FINAL checkpoint's artifact, then its exports. */
export async function modelArtifacts(ctx: Context, runId: string) {
  const [finals, exports] = await Promise.all([
    ctx.loaders.finalCheckpointsOfRun.load(runId),
    runArtifacts(ctx, runId, EXPORT_KINDS),
  ]);
  const artifact = finals[0]?.artifact;
  return [...(artifact ? [artifact] : []), ...exports];
}
