import { definedEnv } from '@distillery/config/env';
import { z } from 'zod';

/** The dashboard's variables, read at request time (not inlined at build), so one build serves any API. */
export const webEnvSchema = z.object({
  NEXT_PUBLIC_API_URL: z.url().default('http://localhost:4000/graphql'),
  API_URL: z.url().optional(),
});

export type WebEnv = z.infer<typeof webEnvSchema>;

/** The dashboard's runtime configuration, validated; only server components call this. */
export function readWebEnv(): WebEnv {
  return webEnvSchema.parse(definedEnv(process.env));
}
