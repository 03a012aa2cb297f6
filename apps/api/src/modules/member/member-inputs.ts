import { z } from 'zod';

/** A project role as GraphQL sends it (the vocabulary's). */
export { roleSchema } from '@distillery/domain';

/** An email address as users type it: trimmed and lowercased (emails are unique case-insensitively). */
export const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());

/** Which member of which project. */
export const memberRefSchema = z.object({ projectId: z.uuid(), userId: z.uuid() });
