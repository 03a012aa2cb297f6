// Bearer secrets (API, runner and session tokens): what the API hands out once and what the database
// keeps (only the SHA-256). Here, beside the password hash, so the API and test fixtures mint tokens alike.
import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell token kinds apart at a glance (and in secret scanners). */
export const TOKEN_PREFIX = {
  api: 'dst_',
  runner: 'dsr_',
  session: 'dss_',
  /** One-time invitation links. */
  invitation: 'dsi_',
  /** One-time password reset and setup links. */
  passwordLink: 'dsp_',
} as const;

/** A fresh secret: prefix + 32 random bytes in base64url. */
export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 hex of a secret: what the database stores. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The dashboard URL of a one-time link (`invite` or `reset` page). The secret rides in the fragment,
 * which browsers never send to a server, so it stays out of access logs and Referer headers.
 */
export function oneTimeLinkUrl(webUrl: string, page: 'invite' | 'reset', secret: string): string {
  return `${webUrl.replace(/\/+$/, '')}/${page}#token=${encodeURIComponent(secret)}`;
}
