import { badInput } from '@distillery/errors';

/** Largest page any list returns. */
export const MAX_PAGE_SIZE = 200;

/** Validate `first` (1..MAX_PAGE_SIZE, default 50). */
export function pageSize(first: number | null | undefined, field = 'first', max = MAX_PAGE_SIZE): number {
  if (first === null || first === undefined) return Math.min(50, max);
  if (!Number.isInteger(first) || first < 1 || first > max)
    throw badInput(field, first, `must be an integer from 1 to ${max}`);
  return first;
}

/** Opaque cursor for a string position. */
export function encodeCursor(position: string): string {
  return Buffer.from(`c:${position}`).toString('base64url');
}

/** Inverse of encodeCursor; BAD_USER_INPUT for anything it did not produce (or longer than `maxLength`). */
export function decodeCursor(field: string, cursor: string, maxLength = 200): string {
  const raw = cursor.length <= maxLength ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!raw.startsWith('c:')) throw badInput(field, cursor, 'is not a cursor returned by this API');
  return raw.slice(2);
}

/** A Relay page from `take + 1` rows fetched after the cursor `after` (the extra row says there is more). */
export function connectionOf<N>(
  rows: N[],
  take: number,
  after: string | null | undefined,
  position: (n: N) => string,
) {
  const edges = rows.slice(0, take).map((node) => ({ cursor: encodeCursor(position(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > take,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
