import { RunKind, RunOrderField, RunStatus } from '@distillery/graphql-schema/enums';
import { z } from 'zod';

/** Most bytes a saved view's state takes as JSON. */
export const SAVED_VIEW_STATE_MAX_BYTES = 8_192;
/** Most views one member saves in one project. */
export const SAVED_VIEWS_PER_MEMBER = 100;

const text = (max: number) => z.string().max(max).default('');
const values = <T extends Record<string, string>>(e: T) => Object.values(e) as [T[keyof T], ...T[keyof T][]];

/**
 * A runs-table view as the dashboard keeps it in its URL (runs-view-state.ts), bounded: unknown
 * keys, enum values the schema lacks and oversized strings or lists are refused.
 */
export const savedViewStateSchema = z.strictObject({
  name: text(200),
  kind: z.enum(values(RunKind)).or(z.literal('')).default(''),
  status: z.enum(values(RunStatus)).or(z.literal('')).default(''),
  tag: text(500),
  where: text(2_000),
  order: z
    .strictObject({
      field: z.enum(values(RunOrderField)),
      direction: z.enum(['ASC', 'DESC']),
      path: z.string().max(1_000).nullish(),
    })
    .default({ field: 'CREATED_AT', direction: 'DESC' }),
  columns: z.array(z.string().min(1).max(300)).max(100).nullable().default(null),
  group: text(300),
});

/** What saveView accepts. */
export const saveViewSchema = z.object({
  projectId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  state: z
    .unknown()
    .refine((v) => JSON.stringify(v ?? null).length <= SAVED_VIEW_STATE_MAX_BYTES, {
      message: `must be at most ${SAVED_VIEW_STATE_MAX_BYTES} bytes as JSON`,
    })
    .pipe(savedViewStateSchema),
});
