import { NextResponse, type NextRequest } from 'next/server';

import {
  cookieOptions,
  OIDC_STATE_COOKIE,
  PRESENT_COOKIE,
  publicOrigin,
  SESSION_COOKIE,
} from '../../../lib/session-cookie.ts';
import { apiRequest } from '../../../lib/server-api.ts';
import { signInWithError } from '../../../lib/sso.ts';

export const dynamic = 'force-dynamic';

/** The state cookie is spent whatever happens next. */
function spendState(res: NextResponse): NextResponse {
  res.cookies.set(OIDC_STATE_COOKIE, '', { path: '/sso', maxAge: 0 });
  return res;
}

/**
 * The provider sent the browser back: the API redeems the code for this browser's state (once) and
 * opens a session, kept in the same HttpOnly cookie as a password sign-in. The page that follows is
 * reached from this one (a same-site navigation), so the SameSite=Strict session cookie goes with it.
 */
export async function GET(req: NextRequest): Promise<Response> {
  const state = req.cookies.get(OIDC_STATE_COOKIE)?.value;
  const here = req.nextUrl;
  const providerError = here.searchParams.get('error');
  if (providerError)
    return spendState(
      signInWithError(
        req,
        here.searchParams.get('error_description') ?? `the identity provider said ${providerError}`,
      ),
    );
  if (!state)
    return signInWithError(req, 'this sign-in was started in another browser or took too long; start again');
  // The URL the provider redirected to, as the browser saw it (the API checks it against the registered one).
  const callbackUrl = `${publicOrigin(req)}${here.pathname}${here.search}`;
  const r = await apiRequest(
    'mutation($i: FinishOidcSignInInput!) { finishOidcSignIn(input: $i) { token expiresAt } }',
    { i: { state, callbackUrl } },
    undefined,
    req.headers.get('x-forwarded-for'),
  ).catch(() => null);
  const s = r?.data?.finishOidcSignIn as { token: string; expiresAt: string } | undefined;
  if (!r || r.errors || !s)
    return spendState(signInWithError(req, r?.errors?.[0]?.message ?? 'single sign-on failed'));
  const maxAge = Math.max(60, Math.floor((Date.parse(s.expiresAt) - Date.now()) / 1000));
  const res = new NextResponse(
    '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/projects"><title>Signed in</title><a href="/projects">Continue</a>',
    { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );
  res.cookies.set(SESSION_COOKIE, s.token, cookieOptions(req, true, maxAge));
  res.cookies.set(PRESENT_COOKIE, '1', cookieOptions(req, false, maxAge));
  return spendState(res);
}
