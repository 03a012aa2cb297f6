import type { Deps } from '../context.ts';
import { authLoaders } from '../modules/auth/auth-loaders.ts';
import { dataLoaders } from '../modules/data/data-loaders.ts';
import { ensembleLoaders } from '../modules/ensemble/ensemble-loaders.ts';
import { metricLoaders } from '../modules/metric/metric-loaders.ts';
import { modelLoaders } from '../modules/model/model-loaders.ts';
import { projectLoaders } from '../modules/project/project-loaders.ts';
import { runLoaders } from '../modules/run/run-loaders.ts';
import { runnerLoaders } from '../modules/runner/runner-loaders.ts';
import { studentLoaders } from '../modules/student/student-loaders.ts';
import { teacherLoaders } from '../modules/teacher/teacher-loaders.ts';
import { userLoaders } from '../modules/user/user-loaders.ts';

/** Every module's field loaders, made once per context (see batch.ts for why they memoize nothing). */
export function createLoaders(deps: Pick<Deps, 'prisma' | 'pool'>) {
  return {
    ...runLoaders(deps),
    ...teacherLoaders(deps),
    ...studentLoaders(deps),
    ...ensembleLoaders(deps),
    ...projectLoaders(deps),
    ...userLoaders(deps),
    ...dataLoaders(deps),
    ...modelLoaders(deps),
    ...metricLoaders(deps),
    ...authLoaders(deps),
    ...runnerLoaders(deps),
  };
}

/** The loaders on a context. */
export type Loaders = ReturnType<typeof createLoaders>;
