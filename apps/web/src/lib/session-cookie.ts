// Server side of the dashboard session (route handlers only): the cookies and the same-origin rule.

/** HttpOnly cookie holding the session (or API) token; the API reads it on WebSocket upgrades too. */
export { SESSION_COOKIE } from '@distillery/graphql-schema/transport';
/** Script-visible flag that a session exists (no secret in it). */
export const PRESENT_COOKIE = 'distillery_signed_in';

/** Cookie attributes: HttpOnly for the secret, SameSite=Strict, Secure when served over https. */
export function cookieOptions(req: Request, httpOnly: boolean, maxAgeSeconds: number) {
  return {
    httpOnly,
    sameSite: 'strict' as const,
    secure: isHttps(req),
    path: '/',
    maxAge: maxAgeSeconds,
  };
}

/** The request reached the dashboard over https (directly or through a TLS-terminating proxy). */
export function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto') ?? new URL(req.url).protocol.replace(':', '');
  return proto.split(',')[0]!.trim() === 'https';
}

/**
 * Cross-site request forgery guard for state-changing routes: JSON bodies only (a cross-origin form
 * or no-cors fetch cannot send one without a preflight, which these routes never answer), and an
 * Origin, when the browser sends one, equal to the dashboard's own.
 */
export function refuseCrossSite(req: Request): Response | null {
  const type = req.headers.get('content-type') ?? '';
  if (req.method !== 'DELETE' && !/^application\/(graphql-response\+)?json\b/i.test(type))
    return problem(415, 'BAD_USER_INPUT', 'send Content-Type: application/json');
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (
    (origin && host && new URL(origin).host !== host) ||
    (site && site !== 'same-origin' && site !== 'none')
  )
    return problem(403, 'FORBIDDEN', 'cross-site requests are refused');
  return null;
}

/** A GraphQL-shaped error response. */
export function problem(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

/**
 * Where an OIDC sign-in keeps its state between the redirect to the provider and the callback:
 * HttpOnly, and SameSite=Lax because the callback is a top-level navigation from the provider's site
 * (a Strict cookie would not come back with it); the path limits it to the /sso routes.
 */
export const OIDC_STATE_COOKIE = 'distillery_oidc_state';

/** Attributes of the OIDC state cookie (10 minutes, like the API's pending sign-in). */
export function oidcStateCookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: isHttps(req), path: '/sso', maxAge: 600 };
}

/** The dashboard's own origin as the browser sees it (behind a proxy: its forwarded host and scheme). */
export function publicOrigin(req: Request): string {
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? new URL(req.url).host;
  return `${isHttps(req) ? 'https' : 'http'}://${host.split(',')[0]!.trim()}`;
}
