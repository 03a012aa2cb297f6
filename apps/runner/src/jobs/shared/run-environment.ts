// The run record of what actually ran (W&B's and MLflow's system info): the tfjs backend this job
// thread initialised (ML_BACKEND), the step engine the training engine picked, library versions, the
// runner's host, CPU/GPU models and git commit. Written when the job starts, so a failed run has it.
import type { Prisma } from '@distillery/db';
import { initBackend, libraryVersions, type BackendReport } from '@distillery/ml';

import type { JobContext } from '../context.ts';

/** The environment of one attempt, as stored in `Run.environment`. */
function environmentOf(ctx: JobContext, backend: BackendReport | null, engine: string | null) {
  return {
    attempt: ctx.lease.attempt,
    runnerId: ctx.lease.runnerId,
    engine,
    engineChoice: ctx.engine.engine,
    backend: backend
      ? {
          name: backend.name,
          provider: backend.provider,
          usesGpu: backend.usesGpu,
          projectKernels: backend.projectKernels,
          skipped: backend.skipped,
          requested: ctx.engine.backend,
        }
      : null,
    versions: libraryVersions(),
    ...ctx.host,
  };
}

/** What a job keeps to complete its environment record once the engine is known. */
export interface RunEnvironment {
  backend: BackendReport | null;
  /** Record the step executor the engine picked (`native-avx512`, `tfjs-wasm`, …). */
  setEngine(name: string): Promise<void>;
}

/** Initialise the runner's ML backend in this job thread (none for `backend: false`) and record the environment. */
export async function startEnvironment(ctx: JobContext, o: { backend: boolean }): Promise<RunEnvironment> {
  const backend = o.backend ? await initBackend({ backend: ctx.engine.backend }) : null;
  const write = (engine: string | null) =>
    ctx.fenced((tx) =>
      tx.run.update({
        where: { id: ctx.lease.runId },
        data: { environment: environmentOf(ctx, backend, engine) as Prisma.InputJsonValue },
      }),
    );
  await write(null);
  return {
    backend,
    setEngine: async (name) => {
      await write(name);
    },
  };
}
