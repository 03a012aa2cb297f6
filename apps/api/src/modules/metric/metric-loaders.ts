// Batched reads behind Run.metricKeys.
import { ROLLUP_SHIFTS } from '@distillery/db/metrics';

import type { Deps } from '../../context.ts';
import { manyBy } from '../../loaders/batch.ts';

/** Most metric keys Run.metricKeys serves per run. */
const METRIC_KEYS = 1000;

/** The metric loaders of one context. */
export function metricLoaders({ pool }: Pick<Deps, 'pool'>) {
  return {
    /** Distinct metric keys of each run (from the coarsest rollup, which has one row per key and cell). */
    metricKeysOfRun: manyBy(
      async (ids) =>
        (
          await pool.query<{ runId: string; key: string }>(
            `SELECT "runId", key FROM (
               SELECT "runId", key, row_number() OVER (PARTITION BY "runId" ORDER BY key) AS n
               FROM (SELECT DISTINCT "runId", key FROM "MetricRollup"
                     WHERE "runId" = ANY($1::uuid[]) AND shift = $2) d) k
             WHERE n <= $3 ORDER BY "runId", key`,
            [ids, ROLLUP_SHIFTS[ROLLUP_SHIFTS.length - 1], METRIC_KEYS],
          )
        ).rows,
      (r) => r.runId,
    ),
  };
}
