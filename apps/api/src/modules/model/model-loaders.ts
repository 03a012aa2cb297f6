// Batched reads behind the RegisteredModel and ModelVersion field resolvers.
import type { ModelStage } from '@distillery/db';

import type { Deps } from '../../context.ts';
import { manyBy, manyByWith, oneBy } from '../../loaders/batch.ts';

/** The registry loaders of one context. */
export function modelLoaders({ prisma }: Pick<Deps, 'prisma'>) {
  return {
    registeredModel: oneBy(
      (ids) => prisma.registeredModel.findMany({ where: { id: { in: ids } } }),
      (m) => m.id,
    ),
    /** Versions of each model with a stage and/or number (argument `STAGE:number`, either part empty). */
    versionsOfModelWhere: manyByWith(
      (ids, where: string) => {
        const [stage, number] = where.split(':');
        return prisma.modelVersion.findMany({
          where: {
            modelId: { in: ids },
            ...(stage ? { stage: stage as ModelStage } : {}),
            ...(number ? { version: Number(number) } : {}),
          },
          orderBy: { version: 'desc' },
        });
      },
      (v) => v.modelId,
    ),
    versionsOfModel: manyBy(
      (ids) =>
        prisma.modelVersion.findMany({ where: { modelId: { in: ids } }, orderBy: { version: 'desc' } }),
      (v) => v.modelId,
    ),
  };
}
