// login / logout / whoami. `login` trades email + password for a session, uses it to create a
// long-lived API token for this machine, ends the session and stores only the token (mode 600).
import { hostname } from 'node:os';

import { CreateApiTokenDocument, MeDocument, SignInDocument, SignOutDocument } from '@distillery/client';
import { createNodeClient, readConfig, writeConfig } from '@distillery/client/node';
import { AppError, AppErrorCode } from '@distillery/errors';
import type { Command } from 'commander';

import { printList, printObject } from '../output.ts';
import type { Register } from '../program.ts';

interface LoginOptions {
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  tokenName?: string;
}

export const registerAuthCommands: Register = (program: Command, action) => {
  program
    .command('login')
    .description('sign in and store an API token in your config dir (file mode 600)')
    .option('--email <email>', 'account email')
    .option('--password <password>', 'password (or DISTILLERY_PASSWORD, or --password-stdin)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--token-name <name>', 'name of the API token created for this machine')
    .addHelpText(
      'after',
      `
Examples:
  $ distillery login --url http://localhost:4000/graphql --email demo@distillery.local --password distillery
  $ echo "$PW" | distillery login --email me@lab.org --password-stdin
  $ distillery login --token dst_...        # store an existing API token after checking it`,
    )
    .action(
      action(async (ctx, opts: LoginOptions) => {
        const { url, token: givenToken } = { url: ctx.connection().url, token: ctx.options.token };
        let token: string;
        if (givenToken && !opts.email) {
          token = givenToken;
        } else {
          if (!opts.email)
            throw new AppError(
              AppErrorCode.BAD_USER_INPUT,
              'pass --email (and --password, --password-stdin or DISTILLERY_PASSWORD), or --token',
            );
          const password =
            opts.password ??
            (opts.passwordStdin
              ? (await ctx.io.readStdin()).replace(/\r?\n$/, '')
              : ctx.io.env.DISTILLERY_PASSWORD);
          if (!password)
            throw new AppError(
              AppErrorCode.BAD_USER_INPUT,
              'no password: pass --password, --password-stdin or set DISTILLERY_PASSWORD',
            );
          const { signIn } = await createNodeClient({ url }).request(SignInDocument, {
            email: opts.email,
            password,
          });
          const session = createNodeClient({ url, token: signIn.token });
          const name = opts.tokenName ?? `cli ${hostname()} ${new Date().toISOString().slice(0, 10)}`;
          const { createApiToken } = await session.request(CreateApiTokenDocument, { input: { name } });
          await session.request(SignOutDocument);
          token = createApiToken.secret;
        }
        const { me } = await createNodeClient({ url, token }).request(MeDocument);
        if (!me)
          throw new AppError(
            AppErrorCode.UNAUTHENTICATED,
            'the token does not belong to a user (RUNNER tokens cannot log in)',
          );
        const path = ctx.configPath();
        writeConfig(
          {
            ...readConfig(path),
            url,
            token,
            email: me.email,
            ...(ctx.options.project ? { project: ctx.options.project } : {}),
          },
          path,
        );
        if (ctx.json) printObject(ctx.io, true, { email: me.email, url, config: path });
        else ctx.io.out(`Logged in to ${url} as ${me.email}; token stored in ${path} (mode 600)\n`);
      }),
    );

  program
    .command('logout')
    .description('forget the stored token')
    .action(
      action(async (ctx) => {
        const path = ctx.configPath();
        const { token: _t, ...rest } = readConfig(path);
        writeConfig(rest, path);
        ctx.io.out(`Token removed from ${path}\n`);
      }),
    );

  program
    .command('token')
    .description('print the token in use (for curl and other HTTP clients)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ curl -H "authorization: Bearer $(distillery token)" -H "content-type: application/json" \\\n      -d \'{"query":"{ me { email } }"}\' http://localhost:4000/graphql',
    )
    .action(
      action(async (ctx) => {
        const { token } = ctx.connection();
        if (!token)
          throw new AppError(
            AppErrorCode.UNAUTHENTICATED,
            'not logged in: run `distillery login` or set DISTILLERY_TOKEN',
          );
        ctx.io.out(`${token}\n`);
      }),
    );

  program
    .command('whoami')
    .description('show the signed-in user and their projects')
    .addHelpText('after', '\nExamples:\n  $ distillery whoami\n  $ distillery whoami --json | jq .email')
    .action(
      action(async (ctx) => {
        const { me } = await ctx.client().request(MeDocument);
        if (!me) throw new AppError(AppErrorCode.UNAUTHENTICATED, 'the token is not a user token');
        const projects = me.memberships.map((m) => ({
          slug: m.project.slug,
          id: m.project.id,
          name: m.project.name,
          role: m.role,
        }));
        if (ctx.json) {
          printObject(ctx.io, true, {
            id: me.id,
            email: me.email,
            name: me.name,
            url: ctx.connection().url,
            projects,
          });
          return;
        }
        ctx.io.out(`${me.name} <${me.email}> at ${ctx.connection().url}\n`);
        printList(ctx.io, false, projects, [
          { header: 'project', get: (p) => p.slug },
          { header: 'role', get: (p) => p.role },
          { header: 'name', get: (p) => p.name },
          { header: 'id', get: (p) => p.id },
        ]);
      }),
    );
};
