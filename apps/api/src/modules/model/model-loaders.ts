// Batched reads behind the RegisteredModel and ModelVersion field resolvers.
import type { Deps } from '../../context.ts';
import { manyBy, oneBy } from '../../loaders/batch.ts';

/** The registry loaders of one context. */
export function modelLoaders({ prisma }: Pick<Deps, 'prisma'>) {
  return {
    registeredModel: oneBy(
      (ids) => prisma.registeredModel.findMany({ where: { id: { in: ids } } }),
      (m) => m.id,
    ),
    versionsOfModel: manyBy(
      (ids) =>
        prisma.modelVersion.findMany({ where: { modelId: { in: ids } }, orderBy: { version: 'desc' } }),
      (v) => v.modelId,
    ),
  };
}
