// DataLoader batchers for field resolvers: every load issued in one tick (a page of runs asking for
// their checkpoints, say) becomes one query. They memoize nothing (`cache: false`): a context lives
// longer than one execution (a graphql-ws subscription executes every event on the context it made,
// and Apollo's batched operations share theirs), so a memo would serve rows from before a change.
// Batching alone removes the N+1; the fetchers get each key once.
import { notFound } from '@distillery/errors';
import DataLoader from 'dataloader';

const NO_MEMO = { cache: false } as const;

/** One row (or null) per key, for a key column that is unique. */
export function oneBy<V>(
  fetch: (keys: string[]) => Promise<V[]>,
  keyOf: (v: V) => string | null,
): DataLoader<string, V | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<string | null, V>();
    for (const v of await fetch([...new Set(keys)])) byKey.set(keyOf(v), v);
    return keys.map((k) => byKey.get(k) ?? null);
  }, NO_MEMO);
}

/** Every row per key, in the fetcher's order (its ORDER BY is each group's order). */
export function manyBy<V>(
  fetch: (keys: string[]) => Promise<V[]>,
  keyOf: (v: V) => string | null,
): DataLoader<string, V[]> {
  return new DataLoader(async (keys) => groupsOf(keys, await fetch([...new Set(keys)]), keyOf), NO_MEMO);
}

/**
 * Every row per (key, argument) pair, for fields with arguments: the keys are fetched once per
 * distinct argument (`String(arg)` tells arguments apart).
 */
export function manyByWith<A, V>(
  fetch: (keys: string[], arg: A) => Promise<V[]>,
  keyOf: (v: V) => string | null,
): DataLoader<readonly [string, A], V[], string> {
  return new DataLoader(
    async (pairs) => {
      const byArg = new Map<string, { arg: A; keys: string[] }>();
      for (const [key, arg] of pairs) {
        const group = byArg.get(String(arg)) ?? { arg, keys: [] };
        group.keys.push(key);
        byArg.set(String(arg), group);
      }
      const rows = new Map<string, V[][]>();
      for (const [name, g] of byArg)
        rows.set(name, groupsOf(g.keys, await fetch([...new Set(g.keys)], g.arg), keyOf));
      const next = new Map<string, number>();
      return pairs.map(([, arg]) => {
        const name = String(arg);
        const i = next.get(name) ?? 0;
        next.set(name, i + 1);
        return rows.get(name)![i]!;
      });
    },
    { ...NO_MEMO, cacheKeyFn: ([key, arg]) => `${key}\u0000${String(arg)}` },
  );
}

/** The rows of each key, in `keys` order. */
function groupsOf<V>(keys: readonly string[], rows: V[], keyOf: (v: V) => string | null): V[][] {
  const byKey = new Map<string | null, V[]>();
  for (const v of rows) {
    const k = keyOf(v);
    const group = byKey.get(k);
    if (group) group.push(v);
    else byKey.set(k, [v]);
  }
  return keys.map((k) => byKey.get(k) ?? []);
}

/** The row of `key`, or NOT_FOUND naming `type` (for non-null fields whose row must exist). */
export async function loadOrThrow<V>(
  loader: DataLoader<string, V | null>,
  type: string,
  key: string,
): Promise<V> {
  const v = await loader.load(key);
  if (v === null) throw notFound(type, key);
  return v;
}
