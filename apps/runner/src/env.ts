import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required (npm start sets it)'),
  RUNNER_ID: z.string().optional(),
});

/** The runner's validated environment (the only place it reads process.env). */
export type RunnerEnv = z.infer<typeof envSchema>;

/** Parse the environment or throw one line naming the bad variable. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): RunnerEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
