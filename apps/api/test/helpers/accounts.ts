// People for the accounts tests: site admins and project members made as fixtures, sessions through
// the API's own signIn, and the typed error of a failed call.
import { createUser, signIn, type CreatedUser, type GqlResult } from '@distillery/testing';

import type { Api } from './harness.ts';

/** A user with a fixture membership (or none) and a dashboard session made by signIn. */
export interface Person extends CreatedUser {
  session: string;
}

/** A user (member of `projectId` with `role`, or of nothing) signed in through the API. */
export async function person(
  api: Api,
  projectId: string | null,
  role: 'VIEWER' | 'MEMBER' | 'SUPERVISOR' | 'ADMIN' | null,
  tag: string,
): Promise<Person> {
  const u = await createUser(api, projectId, role, tag);
  return { ...u, session: await signIn(api.url, u.email, u.password) };
}

/** A site admin signed in through the API. */
export async function siteAdmin(api: Api, tag = 'root'): Promise<Person> {
  const u = await createUser(api, null, null, tag);
  await api.db.prisma.user.update({ where: { id: u.userId }, data: { isSiteAdmin: true } });
  return { ...u, session: await signIn(api.url, u.email, u.password) };
}

/** The code, reason and field of a failed call's first error (undefined when it succeeded). */
export function failure(
  r: GqlResult<unknown>,
): { code?: unknown; reason?: unknown; field?: unknown } | undefined {
  const e = r.errors?.[0];
  return e
    ? { code: e.extensions?.code, reason: e.extensions?.reason, field: e.extensions?.field }
    : undefined;
}

/** A password that passes the policy (length, not common). */
export const GOOD_PASSWORD = 'violet kettle orbit 42';
