import { join } from 'node:path';

import { z } from 'zod';

/** Environment of the db command-line tools and of `npm start` (the one place they read process.env). */
export const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() ? v.trim() : undefined)),
  DISTILLERY_DATA_DIR: z.string().optional(),
  DISTILLERY_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** When set, `db:migrate` also creates/updates the non-superuser application role with this password. */
  DISTILLERY_APP_ROLE_PASSWORD: z.string().min(12).optional(),
});

/** Parsed db environment. */
export type DbEnv = z.infer<typeof dbEnvSchema> & { dataDir: string };

/** Read and validate the db environment; `repoRoot` anchors the default data folder. */
export function readDbEnv(repoRoot: string, env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...parsed.data, dataDir: parsed.data.DISTILLERY_DATA_DIR ?? join(repoRoot, '.data') };
}
