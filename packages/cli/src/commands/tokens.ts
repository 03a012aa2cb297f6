// tokens list | create | revoke: the caller's API tokens, and --runner tokens of a project (ADMIN).
// Secrets are printed once, at creation; lists show the prefix only.
import {
  CreateScopedApiTokenDocument,
  MyApiTokensDocument,
  RevokeApiTokenDocument,
  RunnerTokensDocument,
  type ApiTokenFieldsFragment,
  type TokenAccess,
} from '@distillery/client';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import type { CliContext } from '../context.ts';
import { printList, printObject } from '../output.ts';
import type { Register } from '../program.ts';
import { isUuid, num } from '../resolve.ts';

/** The caller's tokens, or the project's runner tokens. */
async function listTokens(ctx: CliContext, runner: boolean): Promise<ApiTokenFieldsFragment[]> {
  if (runner) {
    const { project } = await ctx.client().request(RunnerTokensDocument, { id: await ctx.projectId() });
    return project?.runnerTokens ?? [];
  }
  const { me } = await ctx.client().request(MyApiTokensDocument);
  if (!me) throw new AppError(AppErrorCode.UNAUTHENTICATED, 'the token is not a user token');
  return me.apiTokens;
}

export const registerTokenCommands: Register = (program: Command, action) => {
  const tokens = program.command('tokens').description('API tokens and runner tokens');
  tokens
    .command('list')
    .description('your API tokens (never their secrets), or --runner tokens of --project')
    .option('--runner', "the project's runner tokens (ADMIN)")
    .option('--all', 'also revoked and expired tokens')
    .action(
      action(async (ctx, o: { runner?: boolean; all?: boolean }) => {
        const now = Date.now();
        const rows = (await listTokens(ctx, Boolean(o.runner))).filter(
          (t) => o.all || (!t.revokedAt && (!t.expiresAt || Date.parse(t.expiresAt) > now)),
        );
        printList(ctx.io, ctx.json, rows, [
          { header: 'name', get: (t) => t.name },
          { header: 'prefix', get: (t) => t.prefix },
          { header: 'kind', get: (t) => t.kind },
          { header: 'access', get: (t) => t.access },
          { header: 'project', get: (t) => t.projectId ?? 'all' },
          { header: 'owner', get: (t) => t.owner.email },
          { header: 'last used', get: (t) => t.lastUsedAt },
          { header: 'expires', get: (t) => t.expiresAt },
          { header: 'revoked', get: (t) => t.revokedAt },
          { header: 'id', get: (t) => t.id },
        ]);
      }),
    );
  tokens
    .command('create <name>')
    .description('create a token; its secret is printed this once')
    .option('--runner', 'a RUNNER token for --project (ADMIN): claims jobs and writes runs there')
    .option('--scoped', 'act only in --project')
    .option('--read-only', 'act as VIEWER and run no mutation')
    .option('--expires-in-days <n>', 'lifetime in days, 1–365 (default: no expiry)')
    .addHelpText(
      'after',
      `
Examples:
  $ distillery tokens create ci --scoped --read-only --expires-in-days 30 -p vision
  $ distillery tokens create gpu-box-1 --runner -p vision`,
    )
    .action(
      action(
        async (
          ctx,
          name: string,
          o: { runner?: boolean; scoped?: boolean; readOnly?: boolean; expiresInDays?: string },
        ) => {
          if (o.runner && o.readOnly)
            throw new AppError(
              AppErrorCode.BAD_USER_INPUT,
              'runner tokens always write their runs: drop --read-only',
            );
          const access: TokenAccess = o.readOnly ? 'READ_ONLY' : 'READ_WRITE';
          const { createApiToken } = await ctx.client().request(CreateScopedApiTokenDocument, {
            input: {
              name,
              kind: o.runner ? 'RUNNER' : 'USER',
              ...(o.runner || o.scoped ? { projectId: await ctx.projectId() } : {}),
              ...(o.runner ? {} : { access }),
              ...(o.expiresInDays !== undefined
                ? { expiresInDays: num('--expires-in-days', o.expiresInDays) }
                : {}),
            },
          });
          if (ctx.json) printObject(ctx.io, true, { ...createApiToken.token, secret: createApiToken.secret });
          else
            ctx.io.out(
              `${createApiToken.token.kind} token "${createApiToken.token.name}" created; its secret, shown once:\n${createApiToken.secret}\n`,
            );
        },
      ),
    );
  tokens
    .command('revoke <token>')
    .description('revoke a token by id or prefix (yours, or a runner token of a project you administer)')
    .option('--runner', 'look the prefix up among the runner tokens of --project')
    .action(
      action(async (ctx, ref: string, o: { runner?: boolean }) => {
        let id = ref;
        if (!isUuid(ref)) {
          const matches = (await listTokens(ctx, Boolean(o.runner))).filter(
            (t) => !t.revokedAt && (t.prefix === ref || t.name === ref),
          );
          if (matches.length !== 1)
            throw new AppError(
              matches.length ? AppErrorCode.BAD_USER_INPUT : AppErrorCode.NOT_FOUND,
              matches.length
                ? `"${ref}" names ${matches.length} tokens: pass the id`
                : `no live token with prefix or name "${ref}"${o.runner ? '' : ' (runner tokens: add --runner)'}`,
            );
          id = matches[0]!.id;
        }
        const { revokeApiToken } = await ctx.client().request(RevokeApiTokenDocument, { id });
        if (ctx.json) printObject(ctx.io, true, revokeApiToken);
        else ctx.io.out(`Token "${revokeApiToken.name}" (${revokeApiToken.prefix}) revoked\n`);
      }),
    );
};
