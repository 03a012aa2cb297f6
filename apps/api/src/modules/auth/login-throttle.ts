import { createHash } from 'node:crypto';

import { AppError, AppErrorCode } from '@distillery/errors';
import type pg from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Failed sign-ins allowed before a pause, per account (from any address) and per client address
 * (over any accounts): OWASP ASVS 2.2.1 asks for throttling that holds across instances, so the
 * counters live in PostgreSQL (security.login_throttle) and every API replica sees the same ones.
 */
export const LOGIN_LIMITS = {
  account: { failures: 10, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  address: { failures: 100, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
} as const;

/** Per-account and per-address sign-in throttling. */
export interface LoginThrottle {
  /** Throws RATE_LIMITED (with the wait) while either counter is over its limit. */
  check(email: string, address: string): Promise<void>;
  /** Count a failed attempt against both. */
  fail(email: string, address: string): Promise<void>;
  /** A successful sign-in clears the account's counter. */
  succeed(email: string): Promise<void>;
}

// Emails can be longer than the key column; their hash is as good a key.
const accountKey = (email: string) => createHash('sha256').update(email).digest('hex');

/** Limits of one throttle (LOGIN_LIMITS unless a deployment or test says otherwise). */
export type LoginLimits = {
  [K in keyof typeof LOGIN_LIMITS]: { failures: number; windowSeconds: number; blockSeconds: number };
};

/** The throttle on `pool` (the table comes from the migrations). */
export function createLoginThrottle(pool: pg.Pool, limits: LoginLimits = LOGIN_LIMITS): LoginThrottle {
  const limiter = (keyPrefix: string, l: LoginLimits[keyof LoginLimits]) =>
    new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      schemaName: 'security',
      tableName: 'login_throttle',
      tableCreated: true,
      keyPrefix,
      points: l.failures,
      duration: l.windowSeconds,
      blockDuration: l.blockSeconds,
    });
  const byAccount = limiter('account', limits.account);
  const byAddress = limiter('address', limits.address);
  const blocked = (res: RateLimiterRes | null, limit: number) =>
    res && res.consumedPoints >= limit ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return {
    async check(email, address) {
      const [a, b] = await Promise.all([byAccount.get(accountKey(email)), byAddress.get(address)]);
      const wait = Math.max(blocked(a, limits.account.failures), blocked(b, limits.address.failures));
      if (wait > 0)
        throw new AppError(AppErrorCode.RATE_LIMITED, `too many failed sign-ins; try again in ${wait} s`, {
          details: { retryAfterSeconds: wait },
        });
    },
    async fail(email, address) {
      // consume rejects once a counter is exhausted; the next check reports it.
      await Promise.allSettled([byAccount.consume(accountKey(email)), byAddress.consume(address)]);
    },
    async succeed(email) {
      await byAccount.delete(accountKey(email));
    },
  };
}
