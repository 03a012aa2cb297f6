import {
  registerRunner as register,
  stopRunnerRegistration,
  type RunnerFacts,
} from '@distillery/db/lifecycle';
import { AppError, AppErrorCode, notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRunnerToken } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseInput } from '../../limits/validate.ts';
import type { RunnerModel } from '../../schema/mappers.ts';
import { runnerIdSchema } from './runner-access.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a runner working through the API says about itself. */
export const registerRunnerSchema = z.object({
  runnerId: runnerIdSchema,
  host: text(255),
  pid: z.number().int().min(0).nullish(),
  version: text(100).nullish(),
  engine: text(40),
  nativeCpu: text(40).nullish(),
  backend: text(200),
  usesGpu: z.boolean().nullish(),
  cpuModel: text(255),
  cpuCores: z.number().int().min(1).max(65_536),
  gpus: z
    .array(z.object({ name: text(255), driver: z.string().max(100), memoryMb: z.number().int().min(0) }))
    .max(64)
    .nullish(),
  queues: z.array(text(128)).min(1).max(32),
  concurrency: z.number().int().min(1).max(1024),
  heartbeatMs: z.number().int().min(1000).max(600_000),
});

/** The registration as the Runner type serves it, just written (age 0). */
async function registration(ctx: Context, id: string): Promise<RunnerModel> {
  const row = await ctx.deps.prisma.runnerRegistration.findUnique({ where: { id } });
  if (!row) throw notFound('Runner', id);
  return { ...row, ageMs: 0 };
}

/**
 * Register a runner of this RUNNER token (again: its heartbeat). Not audited on success: it repeats
 * every interval, like the in-process runner's beats, which are not audited either.
 */
export async function registerRunner(ctx: Context, raw: unknown): Promise<RunnerModel> {
  const { tokenId, projectId } = requireRunnerToken(ctx);
  const input = parseInput(registerRunnerSchema, raw, 'input');
  const facts: RunnerFacts = {
    id: input.runnerId,
    host: input.host,
    pid: input.pid ?? null,
    version: input.version ?? null,
    engine: input.engine,
    nativeCpu: input.nativeCpu ?? null,
    backend: input.backend,
    usesGpu: input.usesGpu ?? false,
    cpuModel: input.cpuModel,
    cpuCores: input.cpuCores,
    gpus: input.gpus ?? [],
    queues: input.queues,
    concurrency: input.concurrency,
    heartbeatMs: input.heartbeatMs,
    tokenId,
    projectId,
  };
  if (!(await register(ctx.deps.prisma, facts)))
    throw new AppError(AppErrorCode.CONFLICT, `runner ${input.runnerId} is registered by another token`, {
      field: 'input.runnerId',
    });
  return registration(ctx, input.runnerId);
}

/** Mark this token's runner stopped; NOT_FOUND for a runner it did not register. */
export async function markRunnerStopped(ctx: Context, runnerIdRaw: unknown): Promise<RunnerModel> {
  const { tokenId } = requireRunnerToken(ctx);
  const runnerId = parseInput(runnerIdSchema, runnerIdRaw, 'runnerId');
  if (!(await stopRunnerRegistration(ctx.deps.prisma, runnerId, tokenId))) throw notFound('Runner', runnerId);
  return registration(ctx, runnerId);
}
