import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell token kinds apart at a glance (and in secret scanners). */
export const TOKEN_PREFIX = { api: 'dst_', runner: 'dsr_', session: 'dss_' } as const;

/** A fresh secret: prefix + 32 random bytes in base64url. */
export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a secret: what the database stores. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The bearer secret of an `Authorization` header value, if any. */
export function bearerOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
