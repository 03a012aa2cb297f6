import { SESSION_COOKIE } from '@distillery/graphql-schema/transport';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The dashboard session on a WebSocket upgrade: browsers cannot set headers on a WebSocket and the
 * page never sees the HttpOnly cookie, so the cookie itself is the credential here. Cross-site
 * WebSocket hijacking is refused by checking Origin: the page must be on the API's own host name
 * (any port, as the dashboard and API of one deployment are) or in `allowedOrigins`. Returns the
 * secret, null without a cookie, or 'refused' for a cookie sent from a foreign origin.
 */
export function cookieSecret(
  headers: IncomingHttpHeaders,
  allowedOrigins: readonly string[],
): string | null | 'refused' {
  const raw = headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!raw) return null;
  const origin = headers.origin;
  if (origin) {
    let host: string;
    try {
      host = new URL(origin).hostname;
    } catch {
      return 'refused';
    }
    const own = (headers.host ?? '').replace(/:\d+$/, '');
    if (host !== own && !allowedOrigins.includes(origin)) return 'refused';
  }
  return decodeURIComponent(raw.slice(SESSION_COOKIE.length + 1));
}
