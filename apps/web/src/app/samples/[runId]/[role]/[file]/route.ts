import { cookies } from 'next/headers';

import { readWebEnv } from '../../../../../env.ts';
import { problem, SESSION_COOKIE } from '../../../../../lib/session-cookie.ts';

// The API's sample route path (apps/api/src/modules/sample/sample-source.ts, samplePath).
const SAMPLE_PATH = /^\/samples\/[0-9a-f-]{36}\/(TRAIN|VAL|TEST)\/\d{1,9}\.png$/i;

/**
 * Same-origin proxy for sample images: an `<img>` cannot send a bearer token and the page never sees
 * the HttpOnly session cookie, so this forwards the API's own path with the session's token (the API
 * checks the role). GET only and no side effects, so a cross-site request gains nothing.
 */
export async function GET(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  if (!SAMPLE_PATH.test(path)) return problem(404, 'NOT_FOUND', `no sample image ${path}`);
  const env = readWebEnv();
  const api = env.API_URL ?? env.NEXT_PUBLIC_API_URL;
  // Beside the GraphQL endpoint: /graphql → /samples/…, /api/graphql → /api/samples/….
  const target = new URL(path.slice(1), api);
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
    });
  } catch {
    return problem(502, 'NETWORK', `the dashboard cannot reach the API at ${api}`);
  }
  const headers = new Headers();
  for (const h of ['content-type', 'content-length', 'etag', 'cache-control', 'x-content-type-options']) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.status === 304 ? null : res.body, { status: res.status, headers });
}
