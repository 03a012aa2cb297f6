import { NextResponse } from 'next/server';

import { oidcStateCookieOptions, OIDC_STATE_COOKIE } from '../../../lib/session-cookie.ts';
import { apiRequest } from '../../../lib/server-api.ts';
import { signInWithError } from '../../../lib/sso.ts';

export const dynamic = 'force-dynamic';

/**
 * Begin single sign-on: the API makes the authorization URL (PKCE, state and nonce kept server-side);
 * the state is bound to this browser in an HttpOnly cookie and the browser goes to the provider.
 */
export async function GET(req: Request): Promise<Response> {
  const r = await apiRequest('mutation { startOidcSignIn { authorizationUrl state } }', {}).catch(() => null);
  const start = r?.data?.startOidcSignIn as { authorizationUrl: string; state: string } | undefined;
  if (!r || r.errors || !start)
    return signInWithError(req, r?.errors?.[0]?.message ?? 'single sign-on failed to start');
  const res = NextResponse.redirect(start.authorizationUrl, 303);
  res.cookies.set(OIDC_STATE_COOKIE, start.state, oidcStateCookieOptions(req));
  return res;
}
