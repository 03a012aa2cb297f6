// GraphQL over HTTP for tests, on @distillery/client: raw answers (status, data, errors) so a test
// can assert `extensions.code`, and `gqlData` for seeding steps that must succeed.
import { apiErrorFrom, LogMetricsDocument, type GraphqlErrorBody } from '@distillery/client';
import { createNodeClient } from '@distillery/client/node';

/** A GraphQL answer as a test sees it. */
export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphqlErrorBody[];
}

/** POST one operation (source text, sent as written) and return the raw answer; never retried. */
export function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult<T>> {
  return createNodeClient({ url, token }).execute<T>(query, variables, { retry: { attempts: 1 } });
}

/** POST one operation that must succeed; GraphQL errors throw the client's AppError (code and message). */
export async function gqlData<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const r = await gql<T>(url, query, variables, token);
  if (r.errors?.length) throw apiErrorFrom(r.errors, r.status);
  return r.data as T;
}

/** Log points through `logMetrics` with `token`, as a script or the runner would. */
export async function logPoints(
  url: string,
  token: string,
  runId: string,
  points: { key: string; step: number; value: number }[],
): Promise<void> {
  await createNodeClient({ url, token, retry: { attempts: 1 } }).request(LogMetricsDocument, {
    runId,
    points,
  });
}
