import type { ApiError } from '../../lib/graphql/errors.ts';

/** A failed query, in one line, with its code. */
export function QueryError({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      <strong>{error.code}</strong> {error.message}
    </div>
  );
}
