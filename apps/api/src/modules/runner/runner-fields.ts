import { runnerStateOf, type RunnerState } from '@distillery/db/lifecycle';

import { roleIn } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import type { RunnerModel } from '../../schema/mappers.ts';

/** A registration's state from its heartbeat age (the one rule, in the lifecycle). */
export function stateOfRunner(r: RunnerModel): RunnerState {
  return runnerStateOf({ ageMs: r.ageMs, heartbeatMs: r.heartbeatMs, stopped: r.stoppedAt !== null });
}

/** The GPUs a registration stored (written only by registerRunner, so the shape is ours). */
export function gpusOfRunner(r: RunnerModel): { name: string; driver: string; memoryMb: number }[] {
  return Array.isArray(r.gpus) ? (r.gpus as { name: string; driver: string; memoryMb: number }[]) : [];
}

/** The runs a runner holds in projects the caller may read (VIEWER); the others are only counted. */
export async function readableHeldRuns(ctx: Context, runnerId: string) {
  const runs = await ctx.loaders.runsHeldByRunner.load(runnerId);
  const readable = await Promise.all(runs.map(async (r) => (await roleIn(ctx, r.projectId)) !== null));
  return runs.filter((_r, i) => readable[i]);
}

/** The project of an API runner's token, when the caller may read it. */
export async function projectOfRunner(ctx: Context, r: RunnerModel) {
  if (!r.projectId || (await roleIn(ctx, r.projectId)) === null) return null;
  return ctx.loaders.project.load(r.projectId);
}
