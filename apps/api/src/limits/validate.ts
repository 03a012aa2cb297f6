import { badInput } from '@distillery/errors';
import type { z } from 'zod';

/** Parse with zod; the first issue becomes BAD_USER_INPUT naming the dotted field path and why. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = ''): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
  let offending: unknown = value;
  for (const p of issue.path)
    offending = (offending as Record<PropertyKey, unknown> | undefined)?.[p as PropertyKey];
  throw badInput(path || 'input', offending, issue.message);
}
