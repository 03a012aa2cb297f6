import type { ReactNode } from 'react';

import type { ShownError } from './api-errors.ts';

/**
 * One error as every part of the dashboard shows it: its code (when the API or the transport gave
 * one) as a small mono tag, then the message. Browser-side checks are plain strings.
 */
export function ErrorText({ error }: { error: string | ShownError }) {
  const { message, code } = typeof error === 'string' ? { message: error, code: undefined } : error;
  return (
    <>
      {code && (
        <>
          <code className="error-code">{code}</code>{' '}
        </>
      )}
      {message}
    </>
  );
}

/** A labelled form control with its API error (from `extensions.field`) shown in place. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string | ShownError;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <label className={`field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          <ErrorText error={error} />
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </label>
  );
}

/** Errors not tied to one field. */
export function FormErrors({ errors }: { errors: readonly (string | ShownError)[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="banner error" role="alert">
      {errors.map((e) => {
        const key = typeof e === 'string' ? e : `${e.code ?? ''}:${e.message}`;
        return (
          <div key={key}>
            <ErrorText error={e} />
          </div>
        );
      })}
    </div>
  );
}
