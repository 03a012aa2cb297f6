import { definedEnv } from '@distillery/config/env';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

const startEnvSchema = z.object({
  API_PORT: port(4000),
  WEB_PORT: port(3000),
  /** Address the API and dashboard listen on: loopback unless you mean to expose them (e.g. 0.0.0.0). */
  DISTILLERY_HOST: z.string().min(1).default('127.0.0.1'),
  /** Set to 0 to start without a runner (e.g. when runners run on other machines). */
  DISTILLERY_RUNNER: z.enum(['0', '1']).default('1'),
  /** Children log human-readable lines (1) or JSON lines (0); default: pretty when stdout is a terminal. */
  DISTILLERY_LOG_PRETTY: z.enum(['0', '1']).optional(),
  /** Skip `next build` when a build exists (CI and tests build once). */
  DISTILLERY_SKIP_WEB_BUILD: z.enum(['0', '1']).default('0'),
});

/** Validated settings of `npm start` besides the database ones (see packages/db/src/cli/env.ts). */
export type StartEnv = z.infer<typeof startEnvSchema>;

/** Parse the environment of `npm start`; throws one line naming the bad variable. */
export function readStartEnv(env: NodeJS.ProcessEnv = process.env): StartEnv {
  const parsed = startEnvSchema.safeParse(definedEnv(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.')} is invalid: ${issue?.message}`);
  }
  return parsed.data;
}
