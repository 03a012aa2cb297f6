// Server side of the dashboard (route handlers only): one GraphQL call to the API, as the /session
// and /sso routes make them (the browser's own calls go through /graphql).
import { readWebEnv } from '../env.ts';

/** A GraphQL response body. */
export type GqlBody = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; field?: string } }[];
};

/** POST one operation to the API (API_URL, else NEXT_PUBLIC_API_URL), with a bearer token when given. */
export async function apiRequest(
  query: string,
  variables: object,
  token?: string,
  forwardedFor?: string | null,
): Promise<GqlBody> {
  const env = readWebEnv();
  const res = await fetch(env.API_URL ?? env.NEXT_PUBLIC_API_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // The API throttles sign-ins per client address; it trusts this header from loopback only.
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ query, variables }),
    cache: 'no-store',
  });
  return (await res.json()) as GqlBody;
}
