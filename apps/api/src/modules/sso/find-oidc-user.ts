import type { Prisma } from '@distillery/db';
import { AppError, AppErrorCode } from '@distillery/errors';

import { redeemInvitations } from '../invitation/redeem-invitations.ts';
import type { OidcSettings } from './oidc-provider.ts';

/** What the ID token says about the person. */
export interface OidcPerson {
  issuer: string;
  subject: string;
  email: string;
  name: string;
}

const refused = (reason: string, message: string) =>
  new AppError(AppErrorCode.FORBIDDEN, message, { details: { reason } });

/**
 * The user an OIDC identity signs in as: the one linked to (issuer, subject); else the account with
 * that (verified) email, now linked; else a new account when the email has a pending invitation or,
 * with just-in-time provisioning, an allowed domain. Anyone else gets a clear refusal.
 */
export async function findOrCreateOidcUser(
  tx: Prisma.TransactionClient,
  settings: OidcSettings,
  person: OidcPerson,
) {
  const linked = await tx.userIdentity.findUnique({
    where: { issuer_subject: { issuer: person.issuer, subject: person.subject } },
    include: { user: true },
  });
  if (linked) {
    await tx.userIdentity.update({
      where: { id: linked.id },
      data: { lastUsedAt: new Date(), email: person.email },
    });
    return linked.user;
  }
  const link = (userId: string) =>
    tx.userIdentity.create({
      data: {
        userId,
        issuer: person.issuer,
        subject: person.subject,
        email: person.email,
        lastUsedAt: new Date(),
      },
    });
  const existing = await tx.user.findUnique({ where: { email: person.email } });
  if (existing) {
    await link(existing.id);
    return existing;
  }
  const domain = person.email.split('@')[1] ?? '';
  const invited = await tx.invitation.count({
    where: { email: person.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
  const mayProvision =
    settings.provisioning === 'jit' &&
    (settings.allowedDomains.length === 0 || settings.allowedDomains.includes(domain));
  if (!invited && !mayProvision)
    throw settings.provisioning === 'jit'
      ? refused(
          'SSO_DOMAIN_NOT_ALLOWED',
          `${person.email} has no account here and ${domain} is not an allowed domain; ask a site admin for an invitation`,
        )
      : refused('SSO_NOT_INVITED', `${person.email} has no account here; ask a site admin for an invitation`);
  const user = await tx.user.create({ data: { email: person.email, name: person.name } });
  await link(user.id);
  await redeemInvitations(tx, person.email, user.id);
  return tx.user.findUniqueOrThrow({ where: { id: user.id } });
}
