// users list | invite | disable | enable | reset | admin, and invitations list | revoke | accept.
// Site-admin commands (project ADMINs may invite into their project); the one-time links the API
// returns are printed once, as the dashboard shows them.
import {
  AcceptInvitationDocument,
  CreateInvitationDocument,
  CreatePasswordResetDocument,
  DisableUserDocument,
  EnableUserDocument,
  InvitationsDocument,
  RevokeInvitationDocument,
  SetSiteAdminDocument,
  UsersDocument,
  type DistilleryClient,
  type InvitationFieldsFragment,
  type UserAccountFieldsFragment,
} from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { findUser, pickRole, readSecrets, required } from '../accounts.ts';
import type { CliContext } from '../context.ts';
import { printList, printObject } from '../output.ts';
import type { Register } from '../program.ts';
import { num } from '../resolve.ts';

/** Print accounts as a table (or JSON). */
function printUsers(ctx: CliContext, users: readonly UserAccountFieldsFragment[]): void {
  printList(ctx.io, ctx.json, users, [
    { header: 'email', get: (u) => u.email },
    { header: 'name', get: (u) => u.name },
    { header: 'state', get: (u) => (u.disabledAt ? 'disabled' : 'active') },
    { header: 'site admin', get: (u) => (u.isSiteAdmin ? 'yes' : '') },
    { header: 'password', get: (u) => (u.hasPassword ? 'set' : 'none') },
    { header: 'last sign-in', get: (u) => u.lastSignInAt },
    { header: 'id', get: (u) => u.id },
  ]);
}

/** Print invitations as a table (or JSON). */
function printInvitations(ctx: CliContext, rows: readonly InvitationFieldsFragment[]): void {
  printList(ctx.io, ctx.json, rows, [
    { header: 'email', get: (i) => i.email },
    { header: 'project', get: (i) => i.project?.slug ?? '' },
    { header: 'role', get: (i) => i.role ?? '' },
    { header: 'site admin', get: (i) => (i.isSiteAdmin ? 'yes' : '') },
    {
      header: 'state',
      get: (i) =>
        i.acceptedAt
          ? 'accepted'
          : i.revokedAt
            ? 'revoked'
            : Date.parse(i.expiresAt) < Date.now()
              ? 'expired'
              : 'pending',
    },
    { header: 'invited by', get: (i) => i.invitedBy?.email ?? '' },
    { header: 'expires', get: (i) => i.expiresAt },
    { header: 'id', get: (i) => i.id },
  ]);
}

/** Print a one-time link once, saying whether it was mailed too. */
function printLink(ctx: CliContext, what: string, to: string, url: string, emailSent: boolean, extra = {}) {
  if (ctx.json) printObject(ctx.io, true, { email: to, url, emailSent, ...extra });
  else
    ctx.io.out(
      `${what} for ${to}${emailSent ? ' (mailed)' : ' (not mailed: pass it on yourself)'}; shown once:\n${url}\n`,
    );
}

export const registerUserCommands: Register = (program: Command, action) => {
  const users = program.command('users').description('accounts of the site (site admins)');
  users
    .command('list')
    .description('every account, by email')
    .option('--search <text>', 'part of the email or name')
    .option('--disabled', 'only disabled accounts')
    .option('--active', 'only enabled accounts')
    .option('--limit <n>', 'at most this many accounts', '200')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery users list --search @lab.org\n  $ distillery users list --disabled --json',
    )
    .action(
      action(async (ctx, o: { search?: string; disabled?: boolean; active?: boolean; limit: string }) => {
        if (o.disabled && o.active)
          throw new AppError(AppErrorCode.BAD_USER_INPUT, 'pass --disabled or --active, not both');
        const limit = num('--limit', o.limit);
        const rows: UserAccountFieldsFragment[] = [];
        let after: string | undefined;
        do {
          const { users: page } = await ctx.client().request(UsersDocument, {
            filter: {
              ...(o.search ? { search: o.search } : {}),
              ...(o.disabled ? { disabled: true } : o.active ? { disabled: false } : {}),
            },
            first: Math.min(100, limit - rows.length),
            after,
          });
          rows.push(...page.edges.map((e) => e.node));
          after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
        } while (after && rows.length < limit);
        printUsers(ctx, rows);
      }),
    );
  users
    .command('invite <email>')
    .description('invite someone by email: prints the one-time link (and mails it when SMTP is set up)')
    .option('--role <role>', 'role in --project on acceptance: viewer, member, supervisor, admin')
    .option('--site-only', 'join no project, even with a default one (site admins)')
    .option('--site-admin', 'the new account is a site admin (site admins only)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ distillery users invite ada@lab.org -p vision --role member\n  $ distillery users invite it@lab.org --site-only --site-admin',
    )
    .action(
      action(async (ctx, email: string, o: { role?: string; siteOnly?: boolean; siteAdmin?: boolean }) => {
        const inProject = !o.siteOnly && (o.role !== undefined || ctx.connection().project !== undefined);
        const { createInvitation } = await ctx.client().request(CreateInvitationDocument, {
          input: {
            email,
            ...(inProject ? { projectId: await ctx.projectId(), role: pickRole(o.role ?? 'MEMBER') } : {}),
            isSiteAdmin: Boolean(o.siteAdmin),
          },
        });
        const inv = createInvitation.invitation;
        printLink(ctx, 'Invitation', inv.email, createInvitation.url, createInvitation.emailSent, {
          id: inv.id,
          project: inv.project?.slug ?? null,
          role: inv.role ?? null,
          expiresAt: inv.expiresAt,
        });
      }),
    );
  const flip = {
    disable: async (c: DistilleryClient, id: string) =>
      (await c.request(DisableUserDocument, { id })).disableUser,
    enable: async (c: DistilleryClient, id: string) =>
      (await c.request(EnableUserDocument, { id })).enableUser,
  };
  for (const [name, verb] of [
    ['disable', 'disabled (sessions and tokens revoked)'],
    ['enable', 'enabled (old tokens stay revoked)'],
  ] as const) {
    users
      .command(`${name} <user>`)
      .description(
        name === 'disable'
          ? 'disable an account: sign-in refused; sessions, tokens and open sockets end at once'
          : 'enable a disabled account again',
      )
      .action(
        action(async (ctx, who: string) => {
          const user = await findUser(ctx, who);
          const after = await flip[name](ctx.client(), user.id);
          if (ctx.json) printObject(ctx.io, true, after);
          else ctx.io.out(`${after.email} ${verb}\n`);
        }),
      );
  }
  users
    .command('reset <user>')
    .description('issue a one-time password reset link for an account')
    .action(
      action(async (ctx, who: string) => {
        const user = await findUser(ctx, who);
        const { createPasswordReset: r } = await ctx
          .client()
          .request(CreatePasswordResetDocument, { userId: user.id });
        printLink(ctx, 'Password reset link', r.user.email, r.url, r.emailSent, { expiresAt: r.expiresAt });
      }),
    );
  users
    .command('admin <user> <on|off>')
    .description('grant or take back site admin (the last enabled site admin stays one)')
    .action(
      action(async (ctx, who: string, flag: string) => {
        if (flag !== 'on' && flag !== 'off')
          throw new AppError(AppErrorCode.BAD_USER_INPUT, `expected on or off, got "${flag}"`);
        const user = await findUser(ctx, who);
        const { setSiteAdmin } = await ctx
          .client()
          .request(SetSiteAdminDocument, { id: user.id, isSiteAdmin: flag === 'on' });
        if (ctx.json) printObject(ctx.io, true, setSiteAdmin);
        else
          ctx.io.out(
            `${setSiteAdmin.email} is ${setSiteAdmin.isSiteAdmin ? 'now' : 'no longer'} a site admin\n`,
          );
      }),
    );

  const invitations = program.command('invitations').description('pending invitations, and accepting one');
  invitations
    .command('list')
    .description("the site's invitations (site admins), or --project's (its ADMINs)")
    .option('--all', 'also accepted, revoked and expired ones')
    .action(
      action(async (ctx, o: { all?: boolean }) => {
        const projectId = ctx.connection().project ? await ctx.projectId() : undefined;
        const { invitations: rows } = await ctx
          .client()
          .request(InvitationsDocument, { projectId, pendingOnly: !o.all });
        printInvitations(ctx, rows);
      }),
    );
  invitations
    .command('revoke <id>')
    .description('revoke a pending invitation (its link stops working)')
    .action(
      action(async (ctx, id: string) => {
        const { revokeInvitation } = await ctx.client().request(RevokeInvitationDocument, { id });
        if (ctx.json) printObject(ctx.io, true, revokeInvitation);
        else ctx.io.out(`Invitation of ${revokeInvitation.email} revoked\n`);
      }),
    );
  invitations
    .command('accept <link>')
    .description('accept an invitation: create your account (then `distillery login`)')
    .requiredOption('--name <name>', 'your name as others see it')
    .option('--password <password>', 'new password (or --password-stdin, or DISTILLERY_PASSWORD)')
    .option('--password-stdin', 'read the new password from stdin')
    .addHelpText(
      'after',
      '\nExamples:\n  $ echo "$PW" | distillery invitations accept "https://…/invite/…" --name "Ada L." --password-stdin',
    )
    .action(
      action(async (ctx, link: string, o: { name: string; password?: string; passwordStdin?: boolean }) => {
        const [password] = await readSecrets(
          ctx,
          Boolean(o.passwordStdin),
          [o.password],
          ['DISTILLERY_PASSWORD'],
        );
        const user = await ctx.client(false).request(AcceptInvitationDocument, {
          input: {
            token: link.trim(),
            name: o.name,
            password: required(
              password,
              'password',
              'pass --password, --password-stdin or DISTILLERY_PASSWORD',
            ),
          },
        });
        const u = user.acceptInvitation;
        if (ctx.json) printObject(ctx.io, true, u);
        else ctx.io.out(`Account ${u.email} created; sign in with \`distillery login --email ${u.email}\`\n`);
      }),
    );
};
