import { badInput } from '@distillery/errors';
import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

import { SIZE_LIMITS } from '../../limits/sizes.ts';

const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function toDate(value: unknown): Date {
  const d =
    value instanceof Date
      ? value
      : typeof value === 'string' && value.length <= 40
        ? new Date(value)
        : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw badInput('DateTime', value, 'must be an ISO-8601 timestamp');
  return d;
}

/** An input time: PostgreSQL and every client handle 1970–9999; outside it a value is a mistake. */
function toInputDate(value: unknown): Date {
  const d = toDate(value);
  if (d.getTime() < 0 || d.getTime() > MAX_TIME)
    throw badInput('DateTime', value, 'must lie between 1970-01-01 and 9999-12-31');
  return d;
}

/** ISO-8601 timestamps in, Date out; Date or string in, ISO string out. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  serialize: (v) => toDate(v).toISOString(),
  parseValue: (v) => toInputDate(v),
  parseLiteral: (ast) => toInputDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Any JSON value; non-finite numbers (which JSON cannot carry) are refused. */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => checkJsonSize(checkJson(v)),
  parseLiteral: (ast, variables) => checkJsonSize(checkJson(valueFromASTUntyped(ast, variables))),
});

/** A JSON argument becomes one column value: bound its bytes like every other row. */
function checkJsonSize(v: unknown): unknown {
  const bytes = Buffer.byteLength(JSON.stringify(v) ?? '');
  if (bytes > SIZE_LIMITS.maxJsonBytes)
    throw badInput('JSON', `${bytes} bytes`, `must serialise to at most ${SIZE_LIMITS.maxJsonBytes} bytes`);
  return v;
}

function checkJson(v: unknown, depth = 0): unknown {
  if (depth > 20) throw badInput('JSON', '…', 'nests deeper than 20 levels');
  if (typeof v === 'number' && !Number.isFinite(v)) throw badInput('JSON', v, 'numbers must be finite');
  if (Array.isArray(v)) v.forEach((x) => checkJson(x, depth + 1));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => checkJson(x, depth + 1));
  return v;
}
