import { isPrismaError, PrismaErrorCode } from '@distillery/db';
import {
  bytesToIndices,
  countRole,
  DATASET_PRESET_KEYS,
  DATASET_PRESETS,
  datasetSourceSchema,
  drawSplit,
  drawSubset,
  groupSpanningRoles,
  indicesOfRole,
  indicesToBytes,
  markUnused,
  splitMethodSchema,
  UNUSED,
} from '@distillery/domain';
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { checkSubsetBytes, SIZE_LIMITS, subsetBytes, yieldToEventLoop } from '../../limits/sizes.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';
import { findStoredPack, packArtifact, packColumns } from './register-from-pack.ts';
import { checkSourceUri } from './source-uri.ts';
import { drawExactSplit } from './split-methods.ts';
import { checkMembers } from './subset-checks.ts';

/** Datasets of a project (VIEWER). */
export async function listDatasets(ctx: Context, projectIdRaw: string) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.dataset.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } });
}

/** A dataset the caller can read, or null. */
export async function getDataset(ctx: Context, idRaw: string) {
  const dataset = await ctx.deps.prisma.dataset.findUnique({ where: { id: parseId('id', idRaw) } });
  if (dataset) await requireRole(ctx, dataset.projectId, 'VIEWER');
  return dataset;
}

/** A split with its project id, checked for `min`. */
export async function getSplit(
  ctx: Context,
  idRaw: string,
  min: 'VIEWER' | 'MEMBER' = 'VIEWER',
  field = 'id',
) {
  const split = await ctx.deps.prisma.split.findUnique({
    where: { id: parseId(field, idRaw) },
    include: { dataset: { select: { projectId: true, trainCount: true, classNames: true } } },
  });
  // Bounded (one byte per sample, at most SIZE_LIMITS.maxSamples), so reading it whole is fine.
  if (split) await requireRole(ctx, split.dataset.projectId, min);
  return split;
}

/** A subset the caller can read, or null. */
export async function getSubset(ctx: Context, idRaw: string) {
  const subset = await ctx.deps.prisma.subset.findUnique({
    where: { id: parseId('id', idRaw) },
    omit: { members: true },
    include: { split: { include: { dataset: { select: { projectId: true } } } } },
  });
  if (subset) await requireRole(ctx, subset.split.dataset.projectId, 'VIEWER');
  return subset;
}

const count = z.number().int().min(0).max(SIZE_LIMITS.maxSamples);
const registerSchema = z.object({
  projectId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  preset: z
    .string()
    .refine((p) => DATASET_PRESET_KEYS.includes(p), {
      message: `unknown preset; one of ${DATASET_PRESET_KEYS.join(', ')}`,
    })
    .nullish(),
  source: datasetSourceSchema.nullish(),
  sourceUri: z.string().max(2000).nullish(),
  height: z.number().int().min(1).max(4096).nullish(),
  width: z.number().int().min(1).max(4096).nullish(),
  channels: z.number().int().min(1).max(4).nullish(),
  classNames: z
    .array(z.string().min(1).max(200))
    .min(2)
    .max(10_000)
    .refine((c) => new Set(c).size === c.length, 'class names must be distinct')
    .nullish(),
  trainCount: count.nullish(),
  testCount: count.nullish(),
  augmentation: z.record(z.string(), z.unknown()).nullish(),
  contentHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (SHA-256)')
    .nullish(),
});

/** The hash a registration records: the caller's, else that of the preset's built-in copy. */
function contentHashOf(input: z.infer<typeof registerSchema>): string {
  if (input.contentHash) return input.contentHash;
  const preset = input.preset ? DATASET_PRESETS[input.preset] : undefined;
  // Only the built-in copy itself has the preset's hash (not a folder posing as the preset).
  const isBuiltinCopy = !input.sourceUri && (input.source ?? preset?.source) === preset?.source;
  if (preset?.builtinContentHash && isBuiltinCopy) return preset.builtinContentHash;
  throw badInput(
    'input.contentHash',
    null,
    `is required unless the preset has a built-in copy (${builtinPresetKeys().join(', ')}); \`distillery datasets import <folder>\` packs and uploads a folder`,
  );
}

const builtinPresetKeys = () => DATASET_PRESET_KEYS.filter((k) => DATASET_PRESETS[k]!.builtinContentHash);

/**
 * Record a dataset (MEMBER). With an uploaded pack of that contentHash the record comes from the pack
 * (and keeps it as its DATASET artifact); otherwise a preset fills what the caller leaves out.
 */
export async function registerDataset(ctx: Context, raw: unknown) {
  const parsed = parseInput(registerSchema, raw, 'input');
  await requireRole(ctx, parsed.projectId, 'MEMBER');
  const input = { ...parsed, contentHash: contentHashOf(parsed) };
  const pack = await findStoredPack(ctx, input.contentHash);
  const source =
    input.source ??
    (pack ? 'FOLDER' : undefined) ??
    (input.preset ? DATASET_PRESETS[input.preset]?.source : undefined) ??
    'FOLDER';
  if (pack && (source !== 'FOLDER' || input.sourceUri))
    throw badInput(
      'input.source',
      source,
      'a dataset registered from its pack is a FOLDER dataset without a sourceUri',
    );
  if (!pack && source === 'FOLDER' && !input.sourceUri)
    throw badInput(
      'input.contentHash',
      input.contentHash,
      'no dataset pack with this hash was uploaded; `distillery datasets import` packs and uploads a folder (PUT /projects/<id>/dataset-packs/<sha256>)',
    );
  const preset = input.preset ? DATASET_PRESETS[input.preset] : undefined;
  const fromPreset = preset && {
    height: preset.shape[0],
    width: preset.shape[1],
    channels: preset.shape[2],
    classNames: [...preset.classNames],
    trainCount: preset.trainCount,
    testCount: preset.testCount,
  };
  const pick = <K extends keyof NonNullable<typeof fromPreset>>(k: K) => {
    const v = input[k] ?? fromPreset?.[k];
    if (v === undefined || v === null) throw badInput(`input.${k}`, null, 'is required without a preset');
    return v;
  };
  const described = pack
    ? packColumns(input, pack)
    : {
        height: pick('height'),
        width: pick('width'),
        channels: pick('channels'),
        classNames: pick('classNames'),
        trainCount: pick('trainCount'),
        testCount: pick('testCount'),
      };
  const data = {
    projectId: input.projectId,
    name: input.name,
    preset: input.preset ?? null,
    source,
    sourceUri: checkSourceUri(ctx.deps.datasetRoots, source, input.sourceUri),
    ...described,
    augmentation: (input.augmentation ?? {}) as object,
    contentHash: input.contentHash,
    createdById: ctx.actor.userId,
  };
  return audited(
    ctx,
    { operation: 'registerDataset', targetType: 'Dataset', args: input, projectId: input.projectId },
    async (tx, scope) => {
      try {
        const artifact = pack
          ? await tx.artifact.create({
              data: packArtifact(input.projectId, input.name, input.contentHash, pack),
            })
          : null;
        const ds = await tx.dataset.create({ data: { ...data, packArtifactId: artifact?.id ?? null } });
        scope.targetId = ds.id;
        return ds;
      } catch (e) {
        if (isPrismaError(e, PrismaErrorCode.UNIQUE_VIOLATION))
          throw new AppError(
            AppErrorCode.CONFLICT,
            `input.name: the project already has a dataset "${input.name}"`,
            { field: 'input.name' },
          );
        throw e;
      }
    },
  );
}

const splitSchema = z.object({
  datasetId: z.uuid(),
  seed: z.number().int(),
  method: splitMethodSchema,
  valFraction: z.number().min(0).max(0.9),
  testFraction: z.number().min(0).max(0.9),
  useFraction: z.number().gt(0).max(1),
  assignmentBase64: z
    .string()
    .max(Math.ceil(SIZE_LIMITS.maxSamples / 3) * 4)
    .nullish(),
});

/**
 * Create a seeded split (MEMBER). BERNOULLI draws here; STRATIFIED and GROUP are drawn here too from
 * the labels and groups recorded from the dataset's pack. A client-computed assignment is still
 * accepted (datasets registered without a pack), checked against the groups for GROUP.
 */
export async function createSplit(ctx: Context, raw: unknown) {
  const input = parseInput(splitSchema, raw, 'input');
  if (input.valFraction + input.testFraction >= 1)
    throw badInput('input.testFraction', input.testFraction, 'valFraction + testFraction must be below 1');
  const dataset = await ctx.deps.prisma.dataset.findUnique({ where: { id: input.datasetId } });
  if (!dataset) throw notFound('Dataset', input.datasetId);
  await requireRole(ctx, dataset.projectId, 'MEMBER');
  if (dataset.valCount > 0 && input.valFraction > 0)
    throw badInput(
      'input.valFraction',
      input.valFraction,
      `the dataset has its own val set (${dataset.valCount} samples), which every split keeps; set valFraction 0`,
    );
  const groups = dataset.sampleGroups ? bytesToIndices(new Uint8Array(dataset.sampleGroups)) : null;
  let assignment: Uint8Array<ArrayBuffer>;
  if (input.assignmentBase64) {
    assignment = new Uint8Array(Buffer.from(input.assignmentBase64, 'base64'));
    if (assignment.length !== dataset.trainCount)
      throw badInput(
        'input.assignmentBase64',
        `${assignment.length} bytes`,
        `needs one byte per training sample (${dataset.trainCount})`,
      );
    if (assignment.some((b) => b > UNUSED))
      throw badInput(
        'input.assignmentBase64',
        'bytes',
        'bytes must be 0 (train), 1 (val), 2 (test) or 3 (unused)',
      );
    const span = input.method === 'GROUP' && groups ? groupSpanningRoles(assignment, groups) : null;
    if (span)
      throw badInput(
        'input.assignmentBase64',
        dataset.groupNames[span.group] ?? span.group,
        `group "${dataset.groupNames[span.group] ?? span.group}" has samples in two roles; a GROUP split keeps each group in one`,
      );
  } else if (input.method === 'BERNOULLI') {
    assignment = drawSplit(dataset.trainCount, input);
  } else {
    assignment = await drawExactSplit(dataset, input, groups);
  }
  await yieldToEventLoop();
  if (input.useFraction < 1) {
    if (input.assignmentBase64)
      throw badInput(
        'input.useFraction',
        input.useFraction,
        'give either an assignment or useFraction, not both',
      );
    assignment = markUnused(assignment, input.seed, input.useFraction);
    await yieldToEventLoop();
  }
  const trainCount = countRole(assignment, 'TRAIN');
  if (trainCount === 0)
    throw badInput(
      input.assignmentBase64 ? 'input.assignmentBase64' : 'input.useFraction',
      input.assignmentBase64 ? 'bytes' : input.useFraction,
      'the split leaves no training sample',
    );
  const { assignmentBase64: _a, ...args } = input;
  return audited(
    ctx,
    { operation: 'createSplit', targetType: 'Split', args, projectId: dataset.projectId },
    async (tx, scope) => {
      const split = await tx.split.create({
        data: {
          datasetId: dataset.id,
          seed: input.seed,
          method: input.method,
          valFraction: input.valFraction,
          testFraction: input.testFraction,
          stratified: input.method === 'STRATIFIED',
          assignment,
          trainCount,
          valCount: dataset.valCount + countRole(assignment, 'VAL'),
          testCount: input.testFraction > 0 ? countRole(assignment, 'TEST') : dataset.testCount,
        },
        omit: { assignment: true },
      });
      scope.targetId = split.id;
      return split;
    },
  );
}

const subsetsSchema = z.object({
  splitId: z.uuid(),
  fractions: z.array(z.number().gt(0).max(1)).min(1).max(100),
  seeds: z.array(z.number().int()).min(1).max(1000),
  method: z.enum(['BERNOULLI', 'STRATIFIED_EXACT', 'BOOTSTRAP']),
  membersBase64: z.array(z.string().max(Math.ceil((SIZE_LIMITS.maxSamples * 4) / 3) * 4)).nullish(),
  labels: z.array(z.string().min(1).max(200)).nullish(),
});

/** Create one subset per fraction × seed (MEMBER). */
export async function generateSubsets(ctx: Context, raw: unknown) {
  const input = parseInput(subsetsSchema, raw, 'input');
  if (input.fractions.length * input.seeds.length > SIZE_LIMITS.maxSubsetsPerCall)
    throw badInput(
      'input.seeds',
      input.seeds,
      `at most ${SIZE_LIMITS.maxSubsetsPerCall} subsets per call (fractions × seeds)`,
    );
  const split = await getSplit(ctx, input.splitId, 'MEMBER', 'input.splitId');
  if (!split) throw notFound('Split', input.splitId);
  // Bootstrap draws round(p·n) with replacement; Bernoulli keeps about p·n.
  checkSubsetBytes(
    'input.fractions',
    input.membersBase64
      ? input.membersBase64.reduce((n, b) => n + Math.floor((b.length * 3) / 4), 0)
      : subsetBytes(split.trainCount, input.fractions, input.seeds.length),
  );
  const combos = input.fractions.flatMap((fraction) => input.seeds.map((seed) => ({ fraction, seed })));
  if (input.labels && input.labels.length !== combos.length)
    throw badInput('input.labels', input.labels, `needs one entry per (fraction, seed): ${combos.length}`);
  let members: Uint8Array<ArrayBuffer>[];
  const memberRules = {
    assignment: split.assignment,
    trainCount: split.trainCount,
    method: input.method,
    classes: split.dataset.classNames.length,
  };
  if (input.membersBase64) {
    if (input.membersBase64.length !== combos.length)
      throw badInput(
        'input.membersBase64',
        input.membersBase64,
        `needs one entry per (fraction, seed): ${combos.length}`,
      );
    members = input.membersBase64.map((b, i) => {
      const bytes = new Uint8Array(Buffer.from(b, 'base64'));
      const idx = bytesToIndices(bytes);
      if (bytes.length % 4 !== 0 || idx.some((v) => v >= split.dataset.trainCount))
        throw badInput(
          `input.membersBase64[${i}]`,
          `${bytes.length} bytes`,
          'must be uint32 LE indices below the training count',
        );
      checkMembers(`input.membersBase64[${i}]`, idx, { ...memberRules, fraction: combos[i]!.fraction });
      return bytes;
    });
  } else if (input.method === 'STRATIFIED_EXACT') {
    throw badInput(
      'input.membersBase64',
      null,
      'STRATIFIED_EXACT subsets need labels; pass the members computed by the runner',
    );
  } else {
    const train = indicesOfRole(split.assignment, 'TRAIN');
    members = [];
    for (const c of combos) {
      await yieldToEventLoop();
      const indices = drawSubset(train, { ...c, method: input.method });
      if (indices.length === 0)
        throw badInput(
          'input.fractions',
          c.fraction,
          `draws an empty subset of ${train.length} samples (seed ${c.seed})`,
        );
      await yieldToEventLoop();
      members.push(indicesToBytes(indices));
    }
  }
  const { membersBase64: _m, ...args } = input;
  return audited(
    ctx,
    {
      operation: 'generateSubsets',
      targetType: 'Split',
      args,
      projectId: split.dataset.projectId,
      targetId: split.id,
    },
    async (tx) => {
      const out = [];
      for (const [i, c] of combos.entries()) {
        const m = members[i]!;
        out.push(
          await tx.subset.create({
            data: {
              splitId: split.id,
              fraction: c.fraction,
              seed: c.seed,
              method: input.method,
              members: m,
              size: m.length / 4,
              label: input.labels?.[i] ?? null,
            },
            // Never read the blob back: the caller asked for the rows, not their bytes.
            omit: { members: true },
          }),
        );
      }
      return out;
    },
  );
}
