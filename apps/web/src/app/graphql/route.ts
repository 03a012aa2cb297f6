import { cookies } from 'next/headers';

import { readWebEnv } from '../../env.ts';
import { problem, refuseCrossSite, SESSION_COOKIE } from '../../lib/session-cookie.ts';

/** Largest body the proxy forwards: the API's own limit (8 MB). */
const MAX_BODY = 8 * 1024 * 1024;

/**
 * Same-origin proxy for queries and mutations: the browser posts here and the server forwards to the
 * API (API_URL, else NEXT_PUBLIC_API_URL), so the API needs no CORS setup. It accepts same-origin
 * JSON only (CSRF), takes the credential from the HttpOnly session cookie (never from page scripts),
 * and streams the body through a byte counter instead of reading it whole. Subscriptions go straight
 * to the API over WebSocket, carrying the same cookie.
 */
export async function POST(req: Request): Promise<Response> {
  const refused = refuseCrossSite(req);
  if (refused) return refused;
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY) return problem(413, 'QUERY_TOO_COMPLEX', `request body exceeds ${MAX_BODY} bytes`);
  const env = readWebEnv();
  const target = env.API_URL ?? env.NEXT_PUBLIC_API_URL;
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  let seen = 0;
  const capped = req.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        seen += chunk.byteLength;
        if (seen > MAX_BODY) ctl.error(new Error('body too large'));
        else ctl.enqueue(chunk);
      },
    }),
  );
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(req.headers.get('x-forwarded-for')
          ? { 'x-forwarded-for': req.headers.get('x-forwarded-for')! }
          : {}),
      },
      body: capped ?? null,
      // Node's fetch streams a request body only half-duplex.
      ...({ duplex: 'half' } as object),
      cache: 'no-store',
    });
  } catch {
    if (seen > MAX_BODY) return problem(413, 'QUERY_TOO_COMPLEX', `request body exceeds ${MAX_BODY} bytes`);
    return problem(502, 'NETWORK', `the dashboard cannot reach the API at ${target}`);
  }
  return new Response(res.body, {
    status: res.status,
    headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
  });
}
