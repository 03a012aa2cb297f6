// What may become a model version: a SUCCEEDED student with an exported model, or an ensemble whose
// evaluation SUCCEEDED and whose members all have exported models (the serving process runs them and
// fuses their probabilities with the version's rule).
import { AppError, AppErrorCode, badInput, notFound } from '@distillery/errors';

import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';

/** The resolved source of a promotion. */
export interface ModelSource {
  projectId: string;
  runId: string;
  studentId: string | null;
  ensembleId: string | null;
  rule: string | null;
}

/** Rules the serving process cannot apply from stored artifacts alone (stacking's learner is not kept). */
const UNSERVABLE_RULES = new Set(['stacking']);

async function hasExport(ctx: Context, runId: string): Promise<boolean> {
  return (await ctx.deps.prisma.artifact.count({ where: { runId, kind: 'TFJS_MODEL' } })) > 0;
}

function notReady(field: string, id: string, why: string): AppError {
  return new AppError(AppErrorCode.BAD_USER_INPUT, `${field}: ${why}`, { field, value: id });
}

/** Check and resolve `studentId` xor `ensembleId` (with its rule). */
export async function resolveModelSource(
  ctx: Context,
  input: { studentId?: string | null; ensembleId?: string | null; rule?: string | null },
): Promise<ModelSource> {
  if (!!input.studentId === !!input.ensembleId)
    throw badInput(
      'input.studentId',
      input.studentId ?? null,
      'give exactly one of studentId and ensembleId',
    );
  const { prisma } = ctx.deps;
  if (input.studentId) {
    const id = parseId('input.studentId', input.studentId);
    const s = await prisma.student.findUnique({ where: { id }, include: { run: true } });
    if (!s || s.run.deletedAt) throw notFound('Student', id);
    if (input.rule) throw badInput('input.rule', input.rule, 'only ensembles take a fusion rule');
    if (s.run.status !== 'SUCCEEDED')
      throw notReady('input.studentId', id, `the student's run is ${s.run.status}, not SUCCEEDED`);
    if (!(await hasExport(ctx, s.runId)))
      throw notReady(
        'input.studentId',
        id,
        'the student has no exported model (it was trained before exports existed)',
      );
    return { projectId: s.run.projectId, runId: s.runId, studentId: s.id, ensembleId: null, rule: null };
  }
  const id = parseId('input.ensembleId', input.ensembleId!);
  const e = await prisma.ensemble.findUnique({
    where: { id },
    include: { run: true, members: { include: { teacher: true }, orderBy: { position: 'asc' } } },
  });
  if (!e || !e.run || e.run.deletedAt) throw notFound('Ensemble', id);
  if (e.run.status !== 'SUCCEEDED')
    throw notReady('input.ensembleId', id, `the ensemble's evaluation is ${e.run.status}, not SUCCEEDED`);
  const rule = input.rule ?? e.rules.find((r) => !UNSERVABLE_RULES.has(r)) ?? e.rules[0]!;
  if (!e.rules.includes(rule))
    throw badInput(
      'input.rule',
      rule,
      `must be one of the rules the ensemble was evaluated with: ${e.rules.join(', ')}`,
    );
  if (UNSERVABLE_RULES.has(rule))
    throw badInput('input.rule', rule, 'stacking cannot be served (its learner is not stored)');
  if (rule === 'weighted-mean' && e.members.some((m) => m.weight === null))
    throw badInput('input.rule', rule, 'weighted-mean is served only with stored member weights');
  for (const m of e.members) {
    if (!m.teacher || m.checkpointId || !(await hasExport(ctx, m.teacher.runId)))
      throw notReady('input.ensembleId', id, `member ${m.position} has no exported model`);
  }
  return { projectId: e.projectId, runId: e.run.id, studentId: null, ensembleId: e.id, rule };
}
