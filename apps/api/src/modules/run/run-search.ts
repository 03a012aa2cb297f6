import { badInput } from '@distillery/errors';

/** A comparison on a JSON path (params or summary). */
export interface JsonPredicateInput {
  path: string;
  op: 'EQ' | 'NE' | 'GT' | 'GTE' | 'LT' | 'LTE' | 'IN' | 'EXISTS';
  value?: unknown;
}

/** The runs filter (GraphQL RunFilter). */
export interface RunFilterInput {
  ids?: string[] | null;
  kind?: string[] | null;
  status?: string[] | null;
  tagsAll?: string[] | null;
  tagsAny?: string[] | null;
  nameContains?: string | null;
  experimentId?: string | null;
  datasetId?: string | null;
  parentRunId?: string | null;
  params?: JsonPredicateInput[] | null;
  summary?: JsonPredicateInput[] | null;
  and?: RunFilterInput[] | null;
  or?: RunFilterInput[] | null;
  not?: RunFilterInput | null;
}

const PATH = /^[A-Za-z0-9_-]{1,100}(\.[A-Za-z0-9_-]{1,100}){0,9}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_DEPTH = 5;
const MAX_PREDICATES = 100;
// A comparison names at most a few hundred runs; the cap keeps one parameter array bounded.
const MAX_IDS = 1000;
const CMP = { GT: '>', GTE: '>=', LT: '<', LTE: '<=' } as const;

/** Collects positional parameters while SQL is built. */
export class SqlParams {
  readonly values: unknown[] = [];
  predicates = 0;
  /** Add a value, returning its placeholder. */
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

/** Validate a dotted JSON path into its segments. */
export function parsePath(field: string, path: unknown): string[] {
  if (typeof path !== 'string' || !PATH.test(path))
    throw badInput(field, path, 'must be a dotted path of letters, digits, _ and - (at most 10 segments)');
  return path.split('.');
}

function nested(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value);
}

function jsonPredicate(
  col: 'params' | 'summary',
  pr: JsonPredicateInput,
  field: string,
  p: SqlParams,
): string {
  const path = parsePath(`${field}.path`, pr.path);
  // The path parameter is added only when used: an unused placeholder has no type and Postgres refuses it.
  const at = () => `(r."${col}" #> ${p.add(path, '::text[]')})`;
  const v = pr.value;
  switch (pr.op) {
    case 'EXISTS':
      return `${at()} IS NOT NULL`;
    case 'EQ':
      if (v === undefined || v === null) throw badInput(`${field}.value`, v, 'EQ needs a value');
      // Containment of scalars uses the GIN (jsonb_path_ops) index.
      if (typeof v !== 'object') return `r."${col}" @> ${p.add(JSON.stringify(nested(path, v)), '::jsonb')}`;
      return `${at()} = ${p.add(JSON.stringify(v), '::jsonb')}`;
    case 'NE':
      if (v === undefined || v === null) throw badInput(`${field}.value`, v, 'NE needs a value');
      return `${at()} <> ${p.add(JSON.stringify(v), '::jsonb')}`;
    case 'IN':
      if (!Array.isArray(v) || v.length === 0 || v.length > 1000)
        throw badInput(`${field}.value`, v, 'IN needs a JSON array of 1–1,000 values');
      return `${at()} = ANY(${p.add(
        v.map((x) => JSON.stringify(x)),
        '::jsonb[]',
      )})`;
    default: {
      const op = CMP[pr.op];
      if (!op) throw badInput(`${field}.op`, pr.op, 'unknown operator');
      if (typeof v === 'number' && Number.isFinite(v)) {
        const x = at();
        return `(CASE WHEN jsonb_typeof(${x}) = 'number' THEN (${x})::float8 ${op} ${p.add(v, '::float8')} ELSE false END)`;
      }
      if (typeof v === 'string') {
        const x = at();
        return `(CASE WHEN jsonb_typeof(${x}) = 'string' THEN (${x} #>> '{}') ${op} ${p.add(v, '::text')} ELSE false END)`;
      }
      throw badInput(`${field}.value`, v, `${pr.op} needs a finite number or a string`);
    }
  }
}

function uuid(field: string, v: string): string {
  if (!UUID.test(v)) throw badInput(field, v, 'must be a UUID');
  return v;
}

/** SQL condition for a filter (on alias `r`), parameters in `p`. */
export function filterSql(
  f: RunFilterInput | null | undefined,
  p: SqlParams,
  field = 'filter',
  depth = 0,
): string {
  if (!f) return 'TRUE';
  if (depth > MAX_DEPTH) throw badInput(field, '…', `filters nest at most ${MAX_DEPTH} levels`);
  const parts: string[] = [];
  const count = (n: number) => {
    p.predicates += n;
    if (p.predicates > MAX_PREDICATES)
      throw badInput(field, '…', `at most ${MAX_PREDICATES} predicates per filter`);
  };
  if (f.ids) {
    if (f.ids.length > MAX_IDS) throw badInput(`${field}.ids`, f.ids.length, `at most ${MAX_IDS} ids`);
    const ids = f.ids.map((id, i) => uuid(`${field}.ids[${i}]`, id));
    parts.push(`r.id = ANY(${p.add(ids, '::uuid[]')})`);
  }
  if (f.kind?.length) parts.push(`r.kind::text = ANY(${p.add(f.kind, '::text[]')})`);
  if (f.status?.length) parts.push(`r.status::text = ANY(${p.add(f.status, '::text[]')})`);
  if (f.tagsAll?.length) parts.push(`r.tags @> ${p.add(f.tagsAll, '::text[]')}`);
  if (f.tagsAny?.length) parts.push(`r.tags && ${p.add(f.tagsAny, '::text[]')}`);
  if (f.nameContains)
    parts.push(`strpos(lower(r.name), ${p.add(f.nameContains.toLowerCase().slice(0, 200))}) > 0`);
  if (f.experimentId)
    parts.push(`r."experimentId" = ${p.add(uuid(`${field}.experimentId`, f.experimentId), '::uuid')}`);
  if (f.datasetId) parts.push(`r."datasetId" = ${p.add(uuid(`${field}.datasetId`, f.datasetId), '::uuid')}`);
  if (f.parentRunId)
    parts.push(`r."parentRunId" = ${p.add(uuid(`${field}.parentRunId`, f.parentRunId), '::uuid')}`);
  for (const col of ['params', 'summary'] as const) {
    const list = f[col] ?? [];
    count(list.length);
    list.forEach((pr, i) => parts.push(jsonPredicate(col, pr, `${field}.${col}[${i}]`, p)));
  }
  if (f.and?.length)
    parts.push(f.and.map((g, i) => `(${filterSql(g, p, `${field}.and[${i}]`, depth + 1)})`).join(' AND '));
  if (f.or?.length)
    parts.push(
      `(${f.or.map((g, i) => `(${filterSql(g, p, `${field}.or[${i}]`, depth + 1)})`).join(' OR ')})`,
    );
  if (f.not) parts.push(`NOT (${filterSql(f.not, p, `${field}.not`, depth + 1)})`);
  count(1);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** The runs ordering (GraphQL RunOrder). */
export interface RunOrderInput {
  field?: 'CREATED_AT' | 'NAME' | 'STATUS' | 'SUMMARY' | 'PARAM' | null;
  path?: string | null;
  direction?: 'ASC' | 'DESC' | null;
}

/** SQL ORDER BY for an ordering, with id as the tiebreak. */
export function orderSql(o: RunOrderInput | null | undefined, p: SqlParams): string {
  const dir = o?.direction === 'ASC' ? 'ASC' : 'DESC';
  switch (o?.field ?? 'CREATED_AT') {
    case 'NAME':
      return `r.name ${dir}, r.id ${dir}`;
    case 'STATUS':
      return `r.status ${dir}, r."createdAt" DESC, r.id`;
    case 'SUMMARY':
    case 'PARAM': {
      const col = o?.field === 'SUMMARY' ? 'summary' : 'params';
      const at = `(r."${col}" #> ${p.add(parsePath('orderBy.path', o?.path), '::text[]')})`;
      return `(CASE WHEN jsonb_typeof(${at}) = 'number' THEN (${at})::float8 END) ${dir} NULLS LAST, r.id`;
    }
    default:
      return `r."createdAt" ${dir}, r.id ${dir}`;
  }
}
