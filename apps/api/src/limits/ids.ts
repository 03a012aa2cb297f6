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
