import type pg from 'pg';

import { hashSecret, TOKEN_PREFIX } from '../seed/secret.ts';

/** Who is calling. RUNNER tokens are bound to one project; USER tokens may be. */
export interface Actor {
  kind: 'ANONYMOUS' | 'USER' | 'RUNNER';
  userId: string | null;
  tokenId: string | null;
  sessionId: string | null;
  /** The project a RUNNER token, or a project-scoped USER token, is bound to. */
  projectId: string | null;
  /** A READ_ONLY token: VIEWER at most, and no mutation runs. */
  readOnly: boolean;
  isSiteAdmin: boolean;
}

/** The anonymous caller. */
export const ANONYMOUS: Actor = {
  kind: 'ANONYMOUS',
  userId: null,
  tokenId: null,
  sessionId: null,
  projectId: null,
  readOnly: false,
  isSiteAdmin: false,
};

// Prisma keeps DateTime columns as UTC timestamps without a zone.
const UTC_NOW = `(now() AT TIME ZONE 'UTC')`;

interface SecretRow {
  id: string;
  userId: string;
  kind: 'USER' | 'RUNNER' | 'SESSION';
  projectId: string | null;
  readOnly: boolean;
  /** Expired, revoked or its user disabled, decided in SQL (the columns hold UTC without a zone). */
  dead: boolean;
  /** lastUsedAt is missing or older than a minute. */
  stale: boolean;
  isSiteAdmin: boolean;
}

/**
 * Resolve a bearer secret to an actor: a dashboard session or an API token, unexpired and unrevoked.
 * Unknown or expired secrets resolve to `null` (the caller answers UNAUTHENTICATED). Every request
 * pays this, so it is one raw query; the prefix says which table holds the secret.
 */
export async function resolveActor(pool: pg.Pool, secret: string | undefined): Promise<Actor | null> {
  if (!secret) return ANONYMOUS;
  if (secret.length > 200) return null;
  const tokenHash = hashSecret(secret);
  const isSession = secret.startsWith(TOKEN_PREFIX.session);
  const row = (
    await pool.query<SecretRow>(
      isSession
        ? `SELECT s.id, s."userId", 'SESSION' AS kind, NULL::uuid AS "projectId", false AS "readOnly",
                  (s."expiresAt" <= ${UTC_NOW} OR u."disabledAt" IS NOT NULL) AS dead, false AS stale, u."isSiteAdmin"
           FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s."tokenHash" = $1`
        : `SELECT t.id, t."userId", t.kind::text AS kind, t."projectId", t.access = 'READ_ONLY' AS "readOnly",
                  (t."revokedAt" IS NOT NULL OR coalesce(t."expiresAt" <= ${UTC_NOW}, false) OR u."disabledAt" IS NOT NULL) AS dead,
                  coalesce(t."lastUsedAt" < ${UTC_NOW} - interval '1 minute', true) AS stale, u."isSiteAdmin"
           FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = $1`,
      [tokenHash],
    )
  ).rows[0];
  if (!row || row.dead) return null;
  if (row.kind === 'SESSION') {
    return {
      kind: 'USER',
      userId: row.userId,
      tokenId: null,
      sessionId: row.id,
      projectId: null,
      readOnly: false,
      isSiteAdmin: row.isSiteAdmin,
    };
  }
  // lastUsedAt is advisory: update at most once a minute, never blocking the request.
  if (row.stale)
    void pool
      .query(`UPDATE "ApiToken" SET "lastUsedAt" = ${UTC_NOW} WHERE id = $1`, [row.id])
      .catch(() => undefined);
  if (row.kind === 'RUNNER') {
    return {
      kind: 'RUNNER',
      userId: row.userId,
      tokenId: row.id,
      sessionId: null,
      projectId: row.projectId,
      readOnly: false,
      isSiteAdmin: false,
    };
  }
  return {
    kind: 'USER',
    userId: row.userId,
    tokenId: row.id,
    sessionId: null,
    // A project-scoped token acts only there, with the user's membership: never as site admin.
    projectId: row.projectId,
    readOnly: row.readOnly,
    isSiteAdmin: row.projectId ? false : row.isSiteAdmin,
  };
}

/** The bearer secret of an `Authorization` header value, if any. */
export function bearerOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/**
 * May `actor` read project `projectId`: its users of any role (site admins everywhere) and its RUNNER
 * tokens. The serving process checks this per request; the API's resolvers check finer roles.
 */
export async function canReadProject(pool: pg.Pool, actor: Actor, projectId: string): Promise<boolean> {
  if (actor.kind === 'RUNNER') return actor.projectId === projectId;
  if (actor.kind !== 'USER' || !actor.userId) return false;
  // A project-scoped token reads only its project (and never as site admin: see resolveActor).
  if (actor.projectId && actor.projectId !== projectId) return false;
  if (actor.isSiteAdmin) return true;
  const m = await pool.query(`SELECT 1 FROM "Membership" WHERE "projectId" = $1 AND "userId" = $2`, [
    projectId,
    actor.userId,
  ]);
  return (m.rowCount ?? 0) > 0;
}
