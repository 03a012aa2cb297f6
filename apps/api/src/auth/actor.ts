import type { PrismaClient } from '@distillery/db';

import { hashSecret, TOKEN_PREFIX } from './tokens.ts';

/** Who is calling. RUNNER tokens are bound to one project. */
export interface Actor {
  kind: 'ANONYMOUS' | 'USER' | 'RUNNER';
  userId: string | null;
  tokenId: string | null;
  sessionId: string | null;
  /** The project a RUNNER token is bound to. */
  projectId: string | null;
  isSiteAdmin: boolean;
}

/** The anonymous caller. */
export const ANONYMOUS: Actor = { kind: 'ANONYMOUS', userId: null, tokenId: null, sessionId: null, projectId: null, isSiteAdmin: false };

/**
 * Resolve a bearer secret to an actor: a dashboard session or an API token, unexpired and unrevoked.
 * Unknown or expired secrets resolve to `null` (the caller answers UNAUTHENTICATED).
 */
export async function resolveActor(prisma: PrismaClient, secret: string | undefined): Promise<Actor | null> {
  if (!secret) return ANONYMOUS;
  if (secret.length > 200) return null;
  const tokenHash = hashSecret(secret);
  const now = new Date();
  // The prefix says which table holds the secret, so one lookup suffices.
  const session = secret.startsWith(TOKEN_PREFIX.session) ? await prisma.session.findUnique({ where: { tokenHash }, include: { user: true } }) : null;
  if (session) {
    if (session.expiresAt <= now) return null;
    return { kind: 'USER', userId: session.userId, tokenId: null, sessionId: session.id, projectId: null, isSiteAdmin: session.user.isSiteAdmin };
  }
  if (secret.startsWith(TOKEN_PREFIX.session)) return null;
  const token = await prisma.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  // lastUsedAt is advisory: update at most once a minute, never blocking the request.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    void prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  if (token.kind === 'RUNNER') {
    return { kind: 'RUNNER', userId: token.userId, tokenId: token.id, sessionId: null, projectId: token.projectId, isSiteAdmin: false };
  }
  return { kind: 'USER', userId: token.userId, tokenId: token.id, sessionId: null, projectId: null, isSiteAdmin: token.user.isSiteAdmin };
}
