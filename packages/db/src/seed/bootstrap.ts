import { readFileSync } from 'node:fs';

import { AppError, AppErrorCode } from '@distillery/errors';

import type { PrismaClient } from '../generated/prisma/client.ts';
import { hashPassword } from './password.ts';
import { checkPassword } from './password-policy.ts';
import { generateSecret, hashSecret, oneTimeLinkUrl, TOKEN_PREFIX } from './secret.ts';

/** What bootstrapAdmin did. */
export type BootstrapOutcome = 'created' | 'promoted' | 'unchanged';

/** How long the first admin's setup link works. */
export const SETUP_LINK_HOURS = 48;

/** The first admin from configuration: with a password file, or a setup link the migrate step prints once. */
export interface BootstrapAdmin {
  email: string;
  /** File whose first line is the password; without it the admin gets a one-time setup link. */
  passwordFile?: string | undefined;
  /** The dashboard's public URL, where the setup link points. */
  webUrl?: string;
  name?: string;
}

/** What bootstrapAdmin did, and the setup link when one was just made (print it; it is not stored). */
export interface BootstrapResult {
  outcome: BootstrapOutcome;
  setupUrl: string | null;
  /** When no new link was made because one is still live (it was printed by an earlier run). */
  pendingSetupUntil: Date | null;
}

/**
 * The first site admin of a deployment, from configuration: created when no user has `email`; an
 * existing user is made site admin but keeps the password they may have changed since (idempotent).
 * Without a password file the admin is created without a password plus a one-time setup link (only
 * its hash is stored, so it is shown this once); a later run makes a new link only when the admin
 * still has no password and the last link expired or was used.
 */
export async function bootstrapAdmin(prisma: PrismaClient, admin: BootstrapAdmin): Promise<BootstrapResult> {
  const existing = await prisma.user.findUnique({ where: { email: admin.email } });
  let outcome: BootstrapOutcome = 'unchanged';
  let user = existing;
  if (existing && !existing.isSiteAdmin) {
    user = await prisma.user.update({ where: { id: existing.id }, data: { isSiteAdmin: true } });
    outcome = 'promoted';
  }
  if (!user) {
    const password = admin.passwordFile ? readPasswordFile(admin.passwordFile, admin.email) : null;
    user = await prisma.user.create({
      data: {
        email: admin.email,
        name: admin.name ?? admin.email.split('@')[0] ?? admin.email,
        passwordHash: password ? await hashPassword(password) : null,
        isSiteAdmin: true,
      },
    });
    outcome = 'created';
  }
  if (user.passwordHash) return { outcome, setupUrl: null, pendingSetupUntil: null };
  const live = await prisma.passwordLink.findFirst({
    where: { userId: user.id, kind: 'SETUP', usedAt: null, expiresAt: { gt: new Date() } },
  });
  if (live) return { outcome, setupUrl: null, pendingSetupUntil: live.expiresAt };
  const secret = generateSecret(TOKEN_PREFIX.passwordLink);
  await prisma.passwordLink.create({
    data: {
      userId: user.id,
      kind: 'SETUP',
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000),
    },
  });
  return {
    outcome,
    setupUrl: oneTimeLinkUrl(admin.webUrl ?? 'http://localhost:3000', 'reset', secret),
    pendingSetupUntil: null,
  };
}

function readPasswordFile(path: string, email: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new AppError(
      AppErrorCode.CONFIG,
      `DISTILLERY_ADMIN_PASSWORD_FILE: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      { field: 'DISTILLERY_ADMIN_PASSWORD_FILE' },
    );
  }
  // Secret files usually end with a newline; the password is the first line.
  const password = text.split(/\r?\n/)[0] ?? '';
  const verdict = checkPassword(password, { email });
  if (verdict)
    throw new AppError(
      AppErrorCode.CONFIG,
      `DISTILLERY_ADMIN_PASSWORD_FILE: the password in ${path} is refused: ${verdict.message}`,
      { field: 'DISTILLERY_ADMIN_PASSWORD_FILE' },
    );
  return password;
}
