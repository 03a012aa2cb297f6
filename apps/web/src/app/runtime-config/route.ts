import { readWebEnv } from '../../env.ts';

// Pages are static (served from cache, no server render per visit); the one thing that differs per
// deployment, the API's browser-facing URL, comes from this tiny script, read at request time.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  const env = readWebEnv();
  return new Response(`window.__DISTILLERY_API_URL__=${JSON.stringify(env.NEXT_PUBLIC_API_URL)};`, {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
  });
}
