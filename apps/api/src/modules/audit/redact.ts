const SECRET_KEY = /pass(word)?|secret|token$|^token|authorization|apikey|api_key/i;
const MAX_STRING = 200;
const MAX_ARRAY = 50;

/**
 * Text PostgreSQL's jsonb accepts: lone surrogates (which JSON escapes as \ud800) and NUL are
 * refused there, and one of them must not keep an event out of the log, so they become U+FFFD.
 */
function wellFormed(s: string): string {
  return s.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\u0000/g,
    '\ufffd',
  );
}

/** Arguments as logged: secrets replaced, long strings and arrays summarised, depth bounded. */
export function redactArgs(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string')
    return wellFormed(
      value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} chars)` : value,
    );
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth > 6) return '[nested]';
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ARRAY).map((v) => redactArgs(v, depth + 1));
    return value.length > MAX_ARRAY ? [...head, `…(${value.length} items)`] : head;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[wellFormed(k)] = SECRET_KEY.test(k) && !/id$/i.test(k) ? '[REDACTED]' : redactArgs(v, depth + 1);
  }
  return out;
}
