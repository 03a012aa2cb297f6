// password change | set: your own password, or a new one with a reset/setup link. Passwords come
// from flags, stdin (one per line) or the environment, so scripts need not put them in argv.
import { ChangePasswordDocument, PasswordLinkDocument, ResetPasswordDocument } from '@distillery/client';
import type { Command } from 'commander';

import { readSecrets, required } from '../accounts.ts';
import { printObject } from '../output.ts';
import type { Register } from '../program.ts';

export const registerPasswordCommands: Register = (program: Command, action) => {
  const password = program.command('password').description('change your password, or set one with a link');
  password
    .command('change')
    .description('change your password (your other sessions end; API tokens stay)')
    .option('--current <password>', 'current password (or DISTILLERY_PASSWORD)')
    .option('--new <password>', 'new password (or DISTILLERY_NEW_PASSWORD)')
    .option('--stdin', 'read the current then the new password from stdin, one per line')
    .addHelpText(
      'after',
      '\nExamples:\n  $ printf "%s\\n%s\\n" "$OLD" "$NEW" | distillery password change --stdin',
    )
    .action(
      action(async (ctx, o: { current?: string; new?: string; stdin?: boolean }) => {
        const [current, next] = await readSecrets(
          ctx,
          Boolean(o.stdin),
          [o.current, o.new],
          ['DISTILLERY_PASSWORD', 'DISTILLERY_NEW_PASSWORD'],
        );
        await ctx.client().request(ChangePasswordDocument, {
          input: {
            ...(current ? { currentPassword: current } : {}),
            newPassword: required(next, 'new password', 'pass --new, --stdin or DISTILLERY_NEW_PASSWORD'),
          },
        });
        if (ctx.json) printObject(ctx.io, true, { changed: true });
        else ctx.io.out('Password changed; your other sessions ended\n');
      }),
    );
  password
    .command('set <link>')
    .description('set a password with a reset or setup link (then `distillery login`)')
    .option('--password <password>', 'new password (or --password-stdin, or DISTILLERY_PASSWORD)')
    .option('--password-stdin', 'read the new password from stdin')
    .action(
      action(async (ctx, link: string, o: { password?: string; passwordStdin?: boolean }) => {
        const client = ctx.client(false);
        const { passwordLink } = await client.request(PasswordLinkDocument, { token: link.trim() });
        const [pw] = await readSecrets(ctx, Boolean(o.passwordStdin), [o.password], ['DISTILLERY_PASSWORD']);
        const { resetPassword } = await client.request(ResetPasswordDocument, {
          input: {
            token: link.trim(),
            password: required(pw, 'password', 'pass --password, --password-stdin or DISTILLERY_PASSWORD'),
          },
        });
        if (ctx.json) printObject(ctx.io, true, { ...resetPassword, kind: passwordLink.kind });
        else ctx.io.out(`Password of ${resetPassword.email} set; sign in with \`distillery login\`\n`);
      }),
    );
};
