// Server side of single sign-on (the /sso route handlers): where failures go.
import { NextResponse } from 'next/server';

import { publicOrigin } from './session-cookie.ts';

/** Back to the sign-in page, which shows why single sign-on failed. */
export function signInWithError(req: Request, message: string): NextResponse {
  const url = new URL('/sign-in', publicOrigin(req));
  url.searchParams.set('sso_error', message.slice(0, 300));
  return NextResponse.redirect(url, 303);
}
