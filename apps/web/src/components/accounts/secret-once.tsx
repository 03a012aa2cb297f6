'use client';
import { useState } from 'react';

/** A secret or one-time link the API returns once: shown with a copy button until dismissed. */
export function SecretOnce({
  title,
  value,
  note,
  onDone,
}: {
  title: string;
  value: string;
  note: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="banner secret-once" role="status" data-testid="secret-once">
      <strong>{title}</strong>
      <div className="secret-row">
        <input
          className="mono"
          readOnly
          value={value}
          aria-label={title}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="ghost" onClick={onDone}>
          Done
        </button>
      </div>
      <span className="muted">{note}</span>
    </div>
  );
}

/** A date for tables: local date and time, or a dash. */
export function When({ at, empty = '—' }: { at: string | null | undefined; empty?: string }) {
  if (!at) return <span className="muted">{empty}</span>;
  return <span title={at}>{new Date(at).toLocaleString()}</span>;
}
