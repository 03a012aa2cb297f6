/** A minimal GraphQL-over-HTTP call for seeding and for logging points during tests. */
export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data)
    throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

/** Sign in through the API and return the session token. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const d = await gql<{ signIn: { token: string } }>(
    url,
    'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
    { e: email, p: password },
  );
  return d.signIn.token;
}

/** Log points through `logMetrics` (as the runner or a script would). */
export async function logPoints(
  url: string,
  token: string,
  runId: string,
  points: { key: string; step: number; value: number }[],
): Promise<void> {
  await gql(
    url,
    'mutation($r: ID!, $p: [MetricPointInput!]!) { logMetrics(runId: $r, points: $p) { accepted } }',
    { r: runId, p: points },
    token,
  );
}
