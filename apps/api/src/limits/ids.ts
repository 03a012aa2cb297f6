import { badInput } from '@distillery/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validate an id argument (all our ids are UUIDs). */
export function parseId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, value, 'must be a UUID');
  return value.toLowerCase();
}

/** Validate a list of ids (at most `max`), deduplicated in order. */
export function parseIds(field: string, values: readonly unknown[], max = 10_000): string[] {
  if (values.length > max) throw badInput(field, values, `at most ${max} ids`);
  return [...new Set(values.map((v, i) => parseId(`${field}[${i}]`, v)))];
}

/** Validate a list of ids that must be distinct: a repeat is refused (naming its position), never collapsed. */
export function parseDistinctIds(field: string, values: readonly unknown[], max = 10_000): string[] {
  const ids = parseIds(field, values, max);
  if (ids.length !== values.length) {
    const seen = new Set<string>();
    const at = values.findIndex((v) => seen.size === seen.add(String(v).toLowerCase()).size);
    throw badInput(`${field}[${at}]`, values[at], 'appears twice; each member may be given once');
  }
  return ids;
}
