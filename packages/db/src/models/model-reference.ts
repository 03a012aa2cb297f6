import type { ModelStage } from '../generated/prisma/client.ts';
import { badInput } from '@distillery/errors';

/** Model names: safe in URLs and shells (the serving path carries them). */
export const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** What a reference selects: one stage's holder, or one version number. */
export type VersionSelector =
  { name: string; stage: 'STAGING' | 'PRODUCTION' } | { name: string; version: number };

/**
 * Parse `<name>@staging`, `<name>@production`, `<name>@<version>` (also `@v3`) or `<name>` (its
 * production version), case-insensitive in the stage; BAD_USER_INPUT naming `field` otherwise.
 */
export function parseModelReference(reference: string, field = 'reference'): VersionSelector {
  const [name = '', tag, ...rest] = reference.split('@');
  if (!MODEL_NAME.test(name) || rest.length > 0)
    throw badInput(field, reference, 'must be <name>, <name>@staging, <name>@production or <name>@<version>');
  if (tag === undefined) return { name, stage: 'PRODUCTION' };
  const stage = tag.toUpperCase();
  if (stage === 'STAGING' || stage === 'PRODUCTION') return { name, stage };
  const m = /^v?(\d{1,9})$/i.exec(tag);
  if (!m)
    throw badInput(field, reference, 'the part after @ must be staging, production or a version number');
  return { name, version: Number(m[1]) };
}

/** The stages only SUPERVISORs may move a version into or out of. */
export function isGuardedStage(stage: ModelStage): boolean {
  return stage === 'PRODUCTION';
}

/** Prisma's `where` for the version a selector names within a project. */
export function versionWhere(projectId: string, sel: VersionSelector) {
  return {
    model: { projectId, name: sel.name },
    ...('stage' in sel ? { stage: sel.stage } : { version: sel.version }),
  };
}
