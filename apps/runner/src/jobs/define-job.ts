import type { z } from 'zod';

import type { JobKind, JobQueue } from '@distillery/domain';

/** What the runner knows about a job kind before running it. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** graphile-worker task identifier. */
  id: JobKind;
  /** Bumped when the payload or the handler's meaning changes. */
  version: number;
  payloadSchema: S;
  /** Default queue; a runner serves only the queues it was started with. */
  queue: JobQueue;
  /**
   * `thread`: the handler module (exports `handle`) runs in its own worker thread under a lease.
   * `inline`: a short scheduling step run on the main thread (exports `handleInline`).
   */
  execution: 'thread' | 'inline';
  handlerUrl: URL;
}

/** Declare a job kind (identity function that keeps the payload type). */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}
