import type { ArtifactStore } from '@distillery/artifacts';
import type { Database, Role } from '@distillery/db';
import type { Logger } from '@distillery/observe';

import type { Actor } from './modules/auth/actor.ts';
import type { ActorCache } from './modules/auth/actor-cache.ts';
import type { AuditSigner } from './modules/audit/checkpoints.ts';
import type { LoginThrottle } from './modules/auth/login-throttle.ts';
import type { ApiEnv } from './env.ts';
import { createLoaders, type Loaders } from './loaders/create-loaders.ts';
import type { Mailer } from './mail/mailer.ts';
import type { MetricsHub } from './modules/metric/metrics-hub.ts';
import type { SampleMemory } from './modules/sample/sample-memory.ts';
import type { OidcProvider } from './modules/sso/oidc-provider.ts';
import type { AccountSettings } from './modules/user/one-time-link.ts';
import type { PgPubSub } from './pubsub/pg-pubsub.ts';

/** Long-lived dependencies shared by every request. */
export interface Deps extends Pick<Database, 'prisma' | 'pool'> {
  pubsub: PgPubSub;
  metrics: MetricsHub;
  env: Pick<ApiEnv, 'API_SESSION_DAYS'>;
  /** Where FOLDER datasets may live (registerDataset refuses a sourceUri outside them). */
  datasetRoots: readonly string[];
  loginThrottle: LoginThrottle;
  /** Actors by bearer secret, dropped when credentials are revoked. */
  actors: ActorCache;
  /** Where checkpoints, exported models and dataset packs live (downloads stream from it). */
  artifacts: ArtifactStore;
  /** Dataset packs and IDX presets held in memory to serve sample images from. */
  samples: SampleMemory;
  /** Largest dataset pack an upload may store. */
  maxDatasetPackBytes: number;
  /** Signs and checks audit chain heads; null when the deployment configured no key. */
  auditSigner: AuditSigner | null;
  log: Logger;
  /** Where invitation and password links point, and how long they work. */
  accounts: AccountSettings;
  /** Sends invitation and reset mail; null when no SMTP server is configured (links are only shown). */
  mailer: Mailer | null;
  /** OpenID Connect single sign-on; null when not configured. */
  oidc: OidcProvider | null;
}

/** Per-request (or per-subscription) context. */
export interface Context {
  actor: Actor;
  deps: Deps;
  /** Project role cache for this request. */
  roles: Map<string, Role | null>;
  /** Batched reads for field resolvers (one query per page of parents). */
  loaders: Loaders;
  /**
   * Query cost used so far by this HTTP request: the operations of a batch share one budget (Apollo
   * gives each a shallow copy of the context, so this is an object they all point at).
   */
  cost: { spent: number };
  /** The client's address (behind a trusted proxy, the one it forwarded), for sign-in throttling and audit. */
  address: string;
  /** `scheme://host` the request came to, for absolute download URLs (unset over WebSocket). */
  origin?: string;
}

/** A fresh context for `actor` calling from `address`. */
export function createContext(deps: Deps, actor: Actor, address = 'unknown'): Context {
  return { actor, deps, roles: new Map(), loaders: createLoaders(deps), cost: { spent: 0 }, address };
}
