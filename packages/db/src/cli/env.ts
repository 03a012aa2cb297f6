import { join } from 'node:path';

import { definedEnv } from '@distillery/config/env';
import { z } from 'zod';

import { DEFAULT_SHARED_DIR } from '../embedded.ts';

/** Environment of the db command-line tools and of `npm start` (the one place they read process.env). */
export const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim()),
  DISTILLERY_DATA_DIR: z.string().optional(),
  DISTILLERY_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** When set, `db:migrate` also creates/updates the non-superuser application role with this password. */
  DISTILLERY_APP_ROLE_PASSWORD: z.string().min(12).optional(),
  /** As root: where the embedded server's binaries and clusters go when `postgres` cannot reach ours. */
  DISTILLERY_PG_SHARED_DIR: z.string().default(DEFAULT_SHARED_DIR),
  /** First site admin, created by the migrate step when missing (password read from the file, else a setup link). */
  DISTILLERY_ADMIN_EMAIL: z
    .email()
    .optional()
    .transform((v) => v?.toLowerCase()),
  DISTILLERY_ADMIN_PASSWORD_FILE: z.string().optional(),
  /** The dashboard's public URL, where the first admin's setup link points. */
  DISTILLERY_WEB_URL: z.url().optional(),
});

/** Parsed db environment. */
export type DbEnv = z.infer<typeof dbEnvSchema> & { dataDir: string };

/** The first admin the environment asks for, if any (bootstrapAdmin's input); `webUrl` when DISTILLERY_WEB_URL is unset. */
export function adminFromEnv(env: DbEnv, webUrl = 'http://localhost:3000') {
  return env.DISTILLERY_ADMIN_EMAIL
    ? {
        email: env.DISTILLERY_ADMIN_EMAIL,
        passwordFile: env.DISTILLERY_ADMIN_PASSWORD_FILE,
        webUrl: env.DISTILLERY_WEB_URL ?? webUrl,
      }
    : undefined;
}

/** Read and validate the db environment; `repoRoot` anchors the default data folder. */
export function readDbEnv(repoRoot: string, env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(definedEnv(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { ...parsed.data, dataDir: parsed.data.DISTILLERY_DATA_DIR ?? join(repoRoot, '.data') };
}
