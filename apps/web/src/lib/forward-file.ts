// Server side of the dashboard (route handlers only): file GETs forwarded to the API with the session.
import { cookies } from 'next/headers';

import { readWebEnv } from '../env.ts';
import { problem, SESSION_COOKIE } from './session-cookie.ts';

// What a file answer may carry through: type, size, caching, and a download's name and checksum.
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'etag',
  'cache-control',
  'x-content-type-options',
  'content-disposition',
  'x-content-sha256',
];

/**
 * GET `path` of the API with the session's bearer token and stream the answer back (never buffered:
 * a model's weights pass through as they arrive). An `<img>` or `<a href>` cannot send a bearer token
 * and the page never sees the HttpOnly session cookie, so file routes come through here; the API
 * checks the role. A relative `path` resolves beside the GraphQL endpoint (`/api/graphql` →
 * `/api/<path>`), an absolute one from the API's origin.
 */
export async function forwardFile(req: Request, path: string): Promise<Response> {
  const env = readWebEnv();
  const api = env.API_URL ?? env.NEXT_PUBLIC_API_URL;
  const target = new URL(path, api);
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const etag = req.headers.get('if-none-match');
  let res: Response;
  try {
    res = await fetch(target, {
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(etag ? { 'if-none-match': etag } : {}),
      },
      cache: 'no-store',
      // A browser that gives up on a download ends the API's stream too.
      signal: req.signal,
    });
  } catch {
    return problem(502, 'NETWORK', `the dashboard cannot reach the API at ${api}`);
  }
  const headers = new Headers();
  for (const h of PASSED_HEADERS) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.status === 304 ? null : res.body, { status: res.status, headers });
}
