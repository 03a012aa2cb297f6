import { z } from 'zod';

/** Project roles, weakest first (the Prisma `Role` enum): each one can do what the ones before it can. */
export const ROLES = ['VIEWER', 'MEMBER', 'SUPERVISOR', 'ADMIN'] as const;
/** A project role. */
export type Role = (typeof ROLES)[number];
/** zod schema of a project role. */
export const roleSchema = z.enum(ROLES);

/** What each role adds to the one before it (the GraphQL enum's value descriptions). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  VIEWER: 'Reads everything in the project and subscribes to it.',
  MEMBER: 'Also registers data, launches work and logs metrics.',
  SUPERVISOR: 'Also reads and verifies the audit log and deletes runs.',
  ADMIN: 'Also manages members and runner tokens.',
};

/** True when `role` is at least `min` (null: not a member). */
export function roleAtLeast(role: Role | null | undefined, min: Role): boolean {
  return role != null && ROLES.indexOf(role) >= ROLES.indexOf(min);
}

/** What a USER API token may do (the Prisma `TokenAccess` enum). */
export const TOKEN_ACCESS = ['READ_ONLY', 'READ_WRITE'] as const;
/** A token access level. */
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

/** Outcomes of an audited call (the Prisma `AuditOutcome` enum). */
export const AUDIT_OUTCOMES = ['SUCCESS', 'FAILURE'] as const;
/** An audit outcome. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
