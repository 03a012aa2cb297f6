import { NextResponse, type NextRequest } from 'next/server';

import { readWebEnv } from './env.ts';

/**
 * Security headers on every response (read at request time, so one build serves any API URL): a
 * Content-Security-Policy that lets scripts talk only to this origin and the API (HTTP and its
 * WebSocket), no framing anywhere (clickjacking), no MIME sniffing, no referrer leaks, HSTS under
 * https. Next's bootstrap scripts are inline, hence 'unsafe-inline' for scripts (no eval).
 */
export function proxy(req: NextRequest): NextResponse {
  const res = NextResponse.next();
  const api = new URL(readWebEnv().NEXT_PUBLIC_API_URL);
  const ws = `${api.protocol === 'https:' ? 'wss' : 'ws'}://${api.host}`;
  res.headers.set(
    'content-security-policy',
    [
      "default-src 'self'",
      "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self' ${api.origin} ${ws}`,
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
  );
  res.headers.set('x-frame-options', 'DENY');
  res.headers.set('x-content-type-options', 'nosniff');
  res.headers.set('referrer-policy', 'same-origin');
  res.headers.set('cross-origin-opener-policy', 'same-origin');
  if ((req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol).startsWith('https'))
    res.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  return res;
}
