'use client';
import { toAppError, type AppError } from '@distillery/client';
import { useCallback, useState } from 'react';

import { apiFieldErrors, type ShownError, unplacedErrors } from '../forms/api-errors.ts';

/** What a form shows of its last failure: errors per field (extensions.field) and the rest, with codes. */
export interface ActionState {
  error: AppError | null;
  fields: Record<string, ShownError>;
  general: ShownError[];
  pending: boolean;
  /** Run `fn`; a throw becomes the shown error (the API's AppError with its code and field). */
  run: (fn: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/**
 * Pending and error state of one button or form that calls the API. `shownFields` are the fields the
 * form renders errors next to; messages of any other field join the general ones, so none is lost.
 */
export function useAction(shownFields: readonly string[] = []): ActionState {
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState(false);
  const run = useCallback(async (fn: () => Promise<unknown>) => {
    setError(null);
    setPending(true);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(toAppError(e));
      return false;
    } finally {
      setPending(false);
    }
  }, []);
  const all = error ? apiFieldErrors(error) : {};
  const fields = Object.fromEntries(Object.entries(all).filter(([f]) => shownFields.includes(f)));
  const general = error ? unplacedErrors(error, shownFields) : [];
  return { error, fields, general, pending, run, clear: useCallback(() => setError(null), []) };
}
