import type { RunStatus } from '@distillery/graphql-schema/types';

export function StatusChip({ status }: { status: RunStatus }) {
  return <span className={`chip ${status}`}>{status.toLowerCase()}</span>;
}

/** "3 min ago"-style age for a timestamp. */
export function age(iso: string | null | undefined): string {
  if (!iso) return '';
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return `${Math.floor(s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}
