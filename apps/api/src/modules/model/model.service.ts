import type { ModelStage, Prisma } from '@distillery/db';
import { isGuardedStage, MODEL_NAME, parseModelReference, versionWhere } from '@distillery/db/models';
import { fusionRuleSchema } from '@distillery/domain';
import { badInput } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited, recordFailure } from '../audit/audited.ts';
import { resolveModelSource } from './model-source.ts';

const stageSchema = z.enum(['NONE', 'STAGING', 'PRODUCTION', 'ARCHIVED']);
const nameSchema = z
  .string()
  .regex(MODEL_NAME, 'letters, digits, ".", "_" and "-", at most 100, not starting with a symbol');
const promoteSchema = z.object({
  name: nameSchema,
  studentId: z.string().nullish(),
  ensembleId: z.string().nullish(),
  stage: stageSchema,
  rule: fusionRuleSchema.nullish(),
  description: z.string().max(10_000).nullish(),
});
const stageInputSchema = z.object({
  projectId: z.uuid(),
  name: nameSchema,
  version: z.number().int().min(1),
  stage: stageSchema,
});

/**
 * Put `versionId` into `stage`, archiving whichever other version held it (one STAGING and one
 * PRODUCTION per model). The model row is locked first, so concurrent promotions serialise.
 */
async function moveToStage(
  tx: Prisma.TransactionClient,
  modelId: string,
  versionId: string,
  stage: ModelStage,
) {
  if (stage === 'STAGING' || stage === 'PRODUCTION')
    await tx.modelVersion.updateMany({
      where: { modelId, stage, id: { not: versionId } },
      data: { stage: 'ARCHIVED', stageChangedAt: new Date() },
    });
  return tx.modelVersion.update({ where: { id: versionId }, data: { stage, stageChangedAt: new Date() } });
}

async function lockModel(tx: Prisma.TransactionClient, modelId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "RegisteredModel" WHERE id = ${modelId}::uuid FOR UPDATE`;
}

/** The project a promotion's source belongs to, read from the raw input so early refusals are audited there. */
async function sourceProject(ctx: Context, raw: unknown): Promise<string | null> {
  const input = (raw ?? {}) as { studentId?: unknown; ensembleId?: unknown };
  const id = (v: unknown) => (typeof v === 'string' && z.uuid().safeParse(v).success ? v : null);
  const studentId = id(input.studentId);
  const ensembleId = id(input.ensembleId);
  if (studentId)
    return (
      (await ctx.deps.prisma.student.findUnique({ where: { id: studentId }, include: { run: true } }))?.run
        .projectId ?? null
    );
  if (ensembleId)
    return (await ctx.deps.prisma.ensemble.findUnique({ where: { id: ensembleId } }))?.projectId ?? null;
  return null;
}

/** Promote a student or ensemble to the next version of a named model (MEMBER; PRODUCTION: SUPERVISOR). */
export async function promoteModel(ctx: Context, raw: unknown) {
  const projectId = await sourceProject(ctx, raw);
  const spec = { operation: 'promoteModel', targetType: 'ModelVersion', args: raw, projectId };
  let input: z.infer<typeof promoteSchema>;
  let source: Awaited<ReturnType<typeof resolveModelSource>>;
  try {
    input = parseInput(promoteSchema, raw, 'input');
    source = await resolveModelSource(ctx, input);
    await requireRole(ctx, source.projectId, isGuardedStage(input.stage) ? 'SUPERVISOR' : 'MEMBER');
  } catch (e) {
    await recordFailure(ctx, spec, { projectId, targetId: null }, e);
    throw e;
  }
  return audited(ctx, { ...spec, args: input, projectId: source.projectId }, async (tx, scope) => {
    const model = await tx.registeredModel.upsert({
      where: { projectId_name: { projectId: source.projectId, name: input.name } },
      create: { projectId: source.projectId, name: input.name },
      update: {},
    });
    await lockModel(tx, model.id);
    const last = await tx.modelVersion.aggregate({ where: { modelId: model.id }, _max: { version: true } });
    const created = await tx.modelVersion.create({
      data: {
        modelId: model.id,
        version: (last._max.version ?? 0) + 1,
        runId: source.runId,
        studentId: source.studentId,
        ensembleId: source.ensembleId,
        rule: source.rule,
        description: input.description ?? '',
        createdById: ctx.actor.userId,
      },
    });
    scope.targetId = created.id;
    return moveToStage(tx, model.id, created.id, input.stage);
  });
}

/** Move a version to another stage (MEMBER; into or out of PRODUCTION: SUPERVISOR). */
export async function setModelStage(ctx: Context, raw: unknown) {
  const input = parseInput(stageInputSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'MEMBER');
  const version = await ctx.deps.prisma.modelVersion.findFirst({
    where: { version: input.version, model: { projectId: input.projectId, name: input.name } },
  });
  if (!version) throw badInput('input.version', input.version, `model ${input.name} has no such version`);
  if (isGuardedStage(input.stage) || isGuardedStage(version.stage))
    await requireRole(ctx, input.projectId, 'SUPERVISOR');
  return audited(
    ctx,
    {
      operation: 'setModelStage',
      targetType: 'ModelVersion',
      args: input,
      projectId: input.projectId,
      targetId: version.id,
    },
    async (tx) => {
      await lockModel(tx, version.modelId);
      return moveToStage(tx, version.modelId, version.id, input.stage);
    },
  );
}

/** The registered models of a project (VIEWER). */
export async function listModels(ctx: Context, projectIdRaw: string) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.registeredModel.findMany({ where: { projectId }, orderBy: { name: 'asc' } });
}

/** One registered model by name (VIEWER), or null. */
export async function getModel(ctx: Context, projectIdRaw: string, name: string) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.registeredModel.findUnique({ where: { projectId_name: { projectId, name } } });
}

/** The version a reference (`name@production`, `name@3`, …) names (VIEWER), or null. */
export async function findModelVersion(ctx: Context, projectIdRaw: string, reference: string) {
  const projectId = parseId('projectId', projectIdRaw);
  const sel = parseModelReference(reference);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.modelVersion.findFirst({
    where: versionWhere(projectId, sel),
  });
}
