'use client';
import { type AppError, toAppError } from '@distillery/client';
import { useState } from 'react';

import { QueryError } from '../shell/query-error.tsx';
import { type CsvFile, download } from './csv-file.ts';

/**
 * The dashboard's one "Download CSV" button: `file` builds the file (from what is shown, or by paging
 * the API), the button shows that it is busy and any error, and a note the file came with.
 */
export function CsvButton({
  file,
  label = 'Download CSV',
  disabled = false,
  testId,
}: {
  file: () => CsvFile | Promise<CsvFile>;
  label?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | undefined>();
  const [note, setNote] = useState<string | undefined>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const f = await file();
      download(f.name, f.text);
      setNote(f.note);
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={disabled || busy} data-testid={testId} onClick={() => void run()}>
        {busy ? 'Preparing…' : label}
      </button>
      {note && <span className="muted">{note}</span>}
      {error && <QueryError error={error} />}
    </>
  );
}
