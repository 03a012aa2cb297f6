// Token minting and hashing live with the password hash in @distillery/db/seed (test fixtures use them too).
export { generateSecret, hashSecret, TOKEN_PREFIX } from '@distillery/db/seed';

/** The bearer secret of an `Authorization` header value, if any. */
export function bearerOf(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
