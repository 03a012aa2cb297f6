import type { AppError } from '@distillery/client';

/** A failed query, in one line, with its code (and a retry when the caller offers one). */
export function QueryError({ error, onRetry }: { error: AppError | undefined; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      <strong>{error.code}</strong> {error.message}
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
