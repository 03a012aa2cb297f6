// What the account commands share: people named by email or id, secrets read without echoing them
// into shell history, roles spelled as on the command line.
import {
  ProjectMembersDocument,
  UsersDocument,
  type MembershipFieldsFragment,
  type Role,
  type UserAccountFieldsFragment,
} from '@distillery/client';
import { ROLES } from '@distillery/domain';
import { AppError, AppErrorCode } from '@distillery/errors';

import type { CliContext } from './context.ts';
import { isUuid } from './resolve.ts';
import { pickName } from './vocabulary.ts';

/** The API's Role value of `--role`. */
export function pickRole(raw: string): Role {
  return pickName('--role', ROLES, raw);
}

/** A user of the site by id or email (site admins; `users` is theirs). */
export async function findUser(ctx: CliContext, idOrEmail: string): Promise<UserAccountFieldsFragment> {
  const wanted = idOrEmail.trim().toLowerCase();
  const { users } = await ctx.client().request(UsersDocument, {
    filter: isUuid(wanted) ? {} : { search: wanted },
    first: isUuid(wanted) ? 200 : 20,
  });
  const found = users.edges.map((e) => e.node).find((u) => u.id === wanted || u.email === wanted);
  if (!found) throw new AppError(AppErrorCode.NOT_FOUND, `no user "${idOrEmail}"`);
  return found;
}

/** The project's members (the project from --project or the only one). */
export async function projectMembers(ctx: CliContext) {
  const { project } = await ctx.client().request(ProjectMembersDocument, { id: await ctx.projectId() });
  if (!project)
    throw new AppError(AppErrorCode.NOT_FOUND, 'the project does not exist or you are not a member');
  return project;
}

/** A member of the project by email or user id. */
export async function findMember(ctx: CliContext, idOrEmail: string): Promise<MembershipFieldsFragment> {
  const project = await projectMembers(ctx);
  const wanted = idOrEmail.trim().toLowerCase();
  const found = project.members.find((m) => m.user.id === wanted || m.user.email === wanted);
  if (!found) throw new AppError(AppErrorCode.NOT_FOUND, `"${idOrEmail}" is not a member of ${project.slug}`);
  return found;
}

/**
 * Secrets in order: the flag, else one line each from stdin (`--*-stdin`), else an environment
 * variable. Returns the values found (undefined where none was given).
 */
export async function readSecrets(
  ctx: CliContext,
  fromStdin: boolean,
  given: readonly (string | undefined)[],
  envNames: readonly string[],
): Promise<(string | undefined)[]> {
  const lines = fromStdin ? (await ctx.io.readStdin()).split(/\r?\n/) : [];
  return given.map(
    (v, i) => v ?? (fromStdin ? lines[i] : undefined) ?? ctx.io.env[envNames[i]!] ?? undefined,
  );
}

/** A required secret, or BAD_USER_INPUT naming the ways to pass it. */
export function required(value: string | undefined, what: string, how: string): string {
  if (!value) throw new AppError(AppErrorCode.BAD_USER_INPUT, `no ${what}: ${how}`);
  return value;
}
