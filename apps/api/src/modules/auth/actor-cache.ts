import type pg from 'pg';

import type { PgPubSub } from '../../pubsub/pg-pubsub.ts';
import { resolveActor, type Actor } from './actor.ts';
import { hashSecret } from './tokens.ts';

/** A revocation: these sessions, these tokens, or every credential of these users. */
export interface Revocation {
  sessionIds?: string[];
  tokenIds?: string[];
  userIds?: string[];
}

/** True when `actor` holds one of the revoked credentials. */
export function isRevoked(actor: Actor, r: Revocation): boolean {
  return Boolean(
    (actor.sessionId && r.sessionIds?.includes(actor.sessionId)) ||
    (actor.tokenId && r.tokenIds?.includes(actor.tokenId)) ||
    (actor.userId && r.userIds?.includes(actor.userId)),
  );
}

/**
 * Actors by secret, re-checked on every operation (HTTP request or WebSocket operation) without a
 * query each time: entries live `ttlMs` and are dropped at once when any replica publishes
 * `distillery.credentials_revoked` (signOut, revokeApiToken, revokeUserAccess). The TTL bounds how
 * long a revocation missed while the LISTEN connection was down can go unnoticed.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor | null; until: number }>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly pool: pg.Pool,
    pubsub: PgPubSub,
    private readonly ttlMs = 10_000,
  ) {
    this.unsubscribe = pubsub.on('distillery.credentials_revoked', (r) => this.drop(r));
  }

  /** The actor a bearer secret stands for now (null: unknown, expired or revoked). */
  async resolve(secret: string | undefined): Promise<Actor | null> {
    if (!secret) return resolveActor(this.pool, secret);
    const key = hashSecret(secret);
    const hit = this.entries.get(key);
    if (hit && hit.until > Date.now()) return hit.actor;
    const actor = await resolveActor(this.pool, secret);
    if (this.entries.size > 50_000) this.entries.clear();
    this.entries.set(key, { actor, until: Date.now() + this.ttlMs });
    return actor;
  }

  /** Forget every cached actor a revocation covers. */
  drop(r: Revocation): void {
    for (const [key, e] of this.entries) if (e.actor && isRevoked(e.actor, r)) this.entries.delete(key);
  }

  /** Stop listening. */
  close(): void {
    this.unsubscribe();
    this.entries.clear();
  }
}
