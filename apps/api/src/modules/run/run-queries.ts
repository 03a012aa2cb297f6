import type { Context } from '../../context.ts';
import { requireRole } from '../auth/roles.ts';
import { parseId } from '../../limits/ids.ts';
import { pageSize } from '../../limits/paging.ts';

const live = { deletedAt: null };

/** Teachers of a project, newest first. */
export async function listTeachers(ctx: Context, projectIdRaw: string, first: number | null | undefined) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.teacher.findMany({
    where: { run: { projectId, ...live } },
    orderBy: { createdAt: 'desc' },
    take: pageSize(first, 'first', 1000),
  });
}

/** Students of a project, newest first. */
export async function listStudents(ctx: Context, projectIdRaw: string, first: number | null | undefined) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.student.findMany({
    where: { run: { projectId, ...live } },
    orderBy: { createdAt: 'desc' },
    take: pageSize(first, 'first', 1000),
  });
}

/** Ensembles of a project, newest first. */
export async function listEnsembles(ctx: Context, projectIdRaw: string, first: number | null | undefined) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  return ctx.deps.prisma.ensemble.findMany({
    where: { projectId },
    orderBy: { createdAt: 'desc' },
    take: pageSize(first, 'first', 1000),
  });
}

/** A student the caller can read, or null. */
export async function getStudent(ctx: Context, idRaw: string) {
  const s = await ctx.deps.prisma.student.findUnique({
    where: { id: parseId('id', idRaw) },
    include: { run: { select: { projectId: true } } },
  });
  if (s) await requireRole(ctx, s.run.projectId, 'VIEWER');
  return s;
}

/** An ensemble the caller can read, or null. */
export async function getEnsemble(ctx: Context, idRaw: string) {
  const e = await ctx.deps.prisma.ensemble.findUnique({ where: { id: parseId('id', idRaw) } });
  if (e) await requireRole(ctx, e.projectId, 'VIEWER');
  return e;
}

/** An experiment the caller can read, or null. */
export async function getExperiment(ctx: Context, idRaw: string) {
  const e = await ctx.deps.prisma.experiment.findUnique({ where: { id: parseId('id', idRaw) } });
  if (e) await requireRole(ctx, e.projectId, 'VIEWER');
  return e;
}
