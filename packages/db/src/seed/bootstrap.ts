import { readFileSync } from 'node:fs';

import { AppError, AppErrorCode } from '@distillery/errors';

import type { PrismaClient } from '../generated/prisma/client.ts';
import { hashPassword } from './password.ts';

/** Shortest first-admin password accepted (OWASP ASVS 2.1.1 asks for at least 12 characters). */
export const MIN_ADMIN_PASSWORD = 12;

/** What bootstrapAdmin did. */
export type BootstrapOutcome = 'created' | 'promoted' | 'unchanged';

/**
 * The first site admin of a deployment, from configuration: created when no user has `email`; an
 * existing user is made site admin but keeps the password they may have changed since (idempotent).
 */
export async function bootstrapAdmin(
  prisma: PrismaClient,
  admin: { email: string; passwordFile: string; name?: string },
): Promise<BootstrapOutcome> {
  const existing = await prisma.user.findUnique({ where: { email: admin.email } });
  if (existing) {
    if (existing.isSiteAdmin) return 'unchanged';
    await prisma.user.update({ where: { id: existing.id }, data: { isSiteAdmin: true } });
    return 'promoted';
  }
  const password = readPasswordFile(admin.passwordFile);
  await prisma.user.create({
    data: {
      email: admin.email,
      name: admin.name ?? admin.email.split('@')[0] ?? admin.email,
      passwordHash: await hashPassword(password),
      isSiteAdmin: true,
    },
  });
  return 'created';
}

function readPasswordFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `DISTILLERY_ADMIN_PASSWORD_FILE: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        field: 'DISTILLERY_ADMIN_PASSWORD_FILE',
      },
    );
  }
  // Secret files usually end with a newline; the password is the first line.
  const password = text.split(/\r?\n/)[0] ?? '';
  if (password.length < MIN_ADMIN_PASSWORD) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `DISTILLERY_ADMIN_PASSWORD_FILE: the password in ${path} has ${password.length} characters; use at least ${MIN_ADMIN_PASSWORD}`,
      { field: 'DISTILLERY_ADMIN_PASSWORD_FILE' },
    );
  }
  return password;
}
