import { cookies } from 'next/headers';

import {
  cookieOptions,
  PRESENT_COOKIE,
  problem,
  refuseCrossSite,
  SESSION_COOKIE,
} from '../../lib/session-cookie.ts';
import { apiRequest as api } from '../../lib/server-api.ts';

export const dynamic = 'force-dynamic';

/** Sign in (email + password, or an API token checked with `me`) and keep the token in an HttpOnly cookie. */
export async function POST(req: Request): Promise<Response> {
  const refused = refuseCrossSite(req);
  if (refused) return refused;
  const input = (await req.json().catch(() => null)) as {
    email?: unknown;
    password?: unknown;
    token?: unknown;
  } | null;
  let token: string;
  let maxAge = 14 * 86_400;
  if (typeof input?.token === 'string') {
    token = input.token.trim();
    const me = await api('{ me { id } }', {}, token);
    if (me.errors || !(me.data?.me as object | null))
      return Response.json(
        me.errors
          ? me
          : {
              errors: [
                {
                  message: 'this token does not belong to a user',
                  extensions: { code: 'UNAUTHENTICATED', field: 'token' },
                },
              ],
            },
        { status: 401 },
      );
  } else if (typeof input?.email === 'string' && typeof input.password === 'string') {
    const r = await api(
      `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token expiresAt } }`,
      { e: input.email, p: input.password },
      undefined,
      req.headers.get('x-forwarded-for'),
    );
    const s = r.data?.signIn as { token: string; expiresAt: string } | undefined;
    if (r.errors || !s) return Response.json(r, { status: 401 });
    token = s.token;
    maxAge = Math.max(60, Math.floor((Date.parse(s.expiresAt) - Date.now()) / 1000));
  } else return problem(400, 'BAD_USER_INPUT', 'send {"email", "password"} or {"token"}');
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, cookieOptions(req, true, maxAge));
  jar.set(PRESENT_COOKIE, '1', cookieOptions(req, false, maxAge));
  return Response.json({ data: { signedIn: true } });
}

/** Sign out: end the session on the API (an API token is left to revokeApiToken) and drop the cookies. */
export async function DELETE(req: Request): Promise<Response> {
  const refused = refuseCrossSite(req);
  if (refused) return refused;
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token?.startsWith('dss_')) await api('mutation { signOut }', {}, token).catch(() => undefined);
  jar.delete(SESSION_COOKIE);
  jar.delete(PRESENT_COOKIE);
  return Response.json({ data: { signedOut: true } });
}
