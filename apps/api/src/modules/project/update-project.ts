import { AppError, AppErrorCode } from '@distillery/errors';
import { z } from 'zod';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parseInput } from '../../limits/validate.ts';
import { audited } from '../audit/audited.ts';

const updateProjectSchema = z
  .object({
    projectId: z.uuid(),
    name: z.string().trim().min(1).max(200).nullish(),
    description: z.string().max(5000).nullish(),
  })
  .refine((i) => i.name != null || i.description != null, 'give a name or a description');

/** Rename a project or change its description (ADMIN); the slug stays, so links keep working. */
export async function updateProject(ctx: Context, raw: unknown) {
  const input = parseInput(updateProjectSchema, raw, 'input');
  await requireRole(ctx, input.projectId, 'ADMIN');
  return audited(
    ctx,
    { operation: 'updateProject', targetType: 'Project', args: input, projectId: input.projectId },
    async (tx, scope) => {
      scope.targetId = input.projectId;
      return tx.project.update({
        where: { id: input.projectId },
        data: {
          ...(input.name != null ? { name: input.name } : {}),
          ...(input.description != null ? { description: input.description } : {}),
        },
      });
    },
  );
}

/** Archive (read-only, hidden from the default list) or unarchive a project (ADMIN). */
export async function setProjectArchived(ctx: Context, projectIdRaw: string, archived: boolean) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'ADMIN', { allowArchived: true });
  return audited(
    ctx,
    {
      operation: archived ? 'archiveProject' : 'unarchiveProject',
      targetType: 'Project',
      args: { projectId },
      projectId,
      targetId: projectId,
    },
    async (tx) => {
      const p = await tx.project.findUniqueOrThrow({ where: { id: projectId } });
      if (Boolean(p.archivedAt) === archived)
        throw new AppError(
          AppErrorCode.CONFLICT,
          `projectId: the project is ${archived ? 'already' : 'not'} archived`,
          { field: 'projectId' },
        );
      return tx.project.update({
        where: { id: projectId },
        data: { archivedAt: archived ? new Date() : null },
      });
    },
  );
}
