import { readWebEnv } from '../../env.ts';

// Same-origin proxy for queries and mutations: the browser posts here and the server forwards to the
// API (API_URL, else NEXT_PUBLIC_API_URL), so the API needs no CORS setup. Subscriptions go straight
// to the API over WebSocket, which CORS does not govern.
export async function POST(req: Request): Promise<Response> {
  const env = readWebEnv();
  const target = env.API_URL ?? env.NEXT_PUBLIC_API_URL;
  const auth = req.headers.get('authorization');
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: await req.text(),
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      {
        errors: [
          { message: `the dashboard cannot reach the API at ${target}`, extensions: { code: 'NETWORK' } },
        ],
      },
      { status: 502 },
    );
  }
  return new Response(res.body, {
    status: res.status,
    headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' },
  });
}
