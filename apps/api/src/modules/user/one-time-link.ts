import { AppError, AppErrorCode } from '@distillery/errors';

import { oneTimeLinkUrl } from '@distillery/db/seed';

import { generateSecret, hashSecret } from '../auth/tokens.ts';

/** Where one-time links point and how long they work (from the API's environment). */
export interface AccountSettings {
  /** The dashboard's public URL, e.g. `https://distillery.lab.org`. */
  webUrl: string;
  invitationDays: number;
  resetHours: number;
}

/** Defaults for tests and `npm start`. */
export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  webUrl: 'http://localhost:3000',
  invitationDays: 7,
  resetHours: 24,
};

/** A fresh one-time secret: what the link carries, what the database keeps, and when it dies. */
export function newLinkSecret(prefix: string, lifetimeMs: number) {
  const secret = generateSecret(prefix);
  return { secret, tokenHash: hashSecret(secret), expiresAt: new Date(Date.now() + lifetimeMs) };
}

/** The dashboard URL of a one-time link (the format lives with the secrets, shared with the migrate step). */
export function linkUrl(settings: AccountSettings, page: 'invite' | 'reset', secret: string): string {
  return oneTimeLinkUrl(settings.webUrl, page, secret);
}

/** The secret of a pasted link or bare token (so the CLI accepts either). */
export function secretOf(field: string, value: string, prefix: string): string {
  const raw = value.trim();
  const fromUrl = /[#?&]token=([^&#\s]+)/.exec(raw)?.[1];
  const secret = fromUrl ? decodeURIComponent(fromUrl) : raw;
  if (!secret.startsWith(prefix) || secret.length > 100)
    throw new AppError(AppErrorCode.BAD_USER_INPUT, `${field}: not a link or token this API issued`, {
      field,
      details: { reason: 'LINK_INVALID' },
    });
  return secret;
}

/** Why a stored link cannot be used any more, if it cannot. */
export function deadLinkError(
  field: string,
  link: { expiresAt: Date; usedAt?: Date | null; acceptedAt?: Date | null; revokedAt?: Date | null },
  what: string,
): AppError | null {
  if (link.usedAt || link.acceptedAt)
    return new AppError(AppErrorCode.CONFLICT, `${field}: this ${what} link was already used`, {
      field,
      details: { reason: 'LINK_USED' },
    });
  if (link.revokedAt)
    return new AppError(AppErrorCode.CONFLICT, `${field}: this ${what} link was revoked`, {
      field,
      details: { reason: 'LINK_REVOKED' },
    });
  if (link.expiresAt.getTime() <= Date.now())
    return new AppError(
      AppErrorCode.BAD_USER_INPUT,
      `${field}: this ${what} link expired at ${link.expiresAt.toISOString()}; ask for a new one`,
      { field, details: { reason: 'LINK_EXPIRED' } },
    );
  return null;
}

/** An unknown token: the same answer whether it never existed or was deleted. */
export function unknownLinkError(field: string, what: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `${field}: no such ${what} link`, {
    field,
    details: { reason: 'LINK_INVALID' },
  });
}
