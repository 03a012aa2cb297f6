import type { AppError } from '@distillery/client';

import { ErrorText } from '../forms/field.tsx';

/** A failed query, in one line, with its code (and a retry when the caller offers one). */
export function QueryError({ error, onRetry }: { error: AppError | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      <ErrorText error={error} />
      {onRetry && (
        <>
          {' '}
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        </>
      )}
    </div>
  );
}
