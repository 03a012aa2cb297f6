import { semOfSd } from '@distillery/domain';
import { badInput } from '@distillery/errors';

import { requireRole } from '../auth/roles.ts';
import type { Context } from '../../context.ts';
import { parseId } from '../../limits/ids.ts';
import { parsePath, SqlParams } from '../run/run-search.ts';

/** Grouping dimensions (GraphQL ResultGroupField) and their SQL. */
const GROUP_SQL = {
  KIND: 'r.kind::text',
  MODE: 's.mode::text',
  ALPHA: 's.alpha',
  TEMPERATURE_MODE: 's."temperatureMode"::text',
  ARCHITECTURE: 'r."architectureKey"',
  FRACTION: `COALESCE(s."teacherFraction", t.fraction, CASE WHEN jsonb_typeof(r.params -> 'fraction') = 'number' THEN (r.params ->> 'fraction')::float8 END)`,
  TEACHER_COUNT: '(SELECT count(*)::int FROM "StudentTeacher" st WHERE st."studentId" = s.id)',
  EXPERIMENT: 'r."experimentId"::text',
} as const;

/** A grouping dimension. */
export type ResultGroupField = keyof typeof GROUP_SQL;

/**
 * The method's results table: per group, n, mean, SEM = sd(ddof 1) / √n (null for n < 2), min, max
 * of a numeric summary metric over SUCCEEDED, non-deleted runs.
 */
export async function resultsTable(
  ctx: Context,
  projectIdRaw: string,
  groupBy: ResultGroupField[],
  metric: string,
  kinds: string[] | null | undefined,
  experimentIdRaw: string | null | undefined,
) {
  const projectId = parseId('projectId', projectIdRaw);
  await requireRole(ctx, projectId, 'VIEWER');
  const fields = [...new Set(groupBy)];
  if (fields.length > 8) throw badInput('groupBy', groupBy, 'at most 8 fields');
  const p = new SqlParams();
  const at = `(r.summary #> ${p.add(parsePath('metric', metric), '::text[]')})`;
  const where = [
    `r."projectId" = ${p.add(projectId, '::uuid')}`,
    `r.status = 'SUCCEEDED'`,
    `r."deletedAt" IS NULL`,
    `jsonb_typeof(${at}) = 'number'`,
    ...(kinds?.length ? [`r.kind::text = ANY(${p.add(kinds, '::text[]')})`] : []),
    ...(experimentIdRaw
      ? [`r."experimentId" = ${p.add(parseId('experimentId', experimentIdRaw), '::uuid')}`]
      : []),
  ];
  const groupCols = fields.map((f, i) => `${GROUP_SQL[f]} AS g${i}`);
  const value = `(CASE WHEN jsonb_typeof(${at}) = 'number' THEN (${at})::float8 END)`;
  const sql = `SELECT ${[...groupCols, `count(*)::int AS n`, `avg(${value}) AS mean`, `stddev_samp(${value}) AS sd`, `min(${value}) AS min`, `max(${value}) AS max`].join(', ')}
    FROM "Run" r LEFT JOIN "Student" s ON s."runId" = r.id LEFT JOIN "Teacher" t ON t."runId" = r.id
    WHERE ${where.join(' AND ')}
    ${fields.length ? `GROUP BY ${fields.map((_, i) => `g${i}`).join(', ')} ORDER BY ${fields.map((_, i) => `g${i}`).join(', ')}` : ''}`;
  const rows = (await ctx.deps.pool.query<Record<string, unknown>>(sql, p.values)).rows;
  return {
    metric,
    groupBy: fields,
    rows: rows
      .filter((r) => Number(r.n) > 0)
      .map((r) => {
        const n = Number(r.n);
        const sd = r.sd === null ? null : Number(r.sd);
        return {
          group: Object.fromEntries(fields.map((f, i) => [f, r[`g${i}`] ?? null])),
          n,
          mean: Number(r.mean),
          sem: semOfSd(sd, n),
          min: Number(r.min),
          max: Number(r.max),
        };
      }),
  };
}
