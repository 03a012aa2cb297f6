import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

import { graphqlRuntime } from '../graphql-runtime.ts';
import { MAX_PAGE_SIZE } from './paging.ts';

// Type predicates must come from the realm that built the schema (see graphql-runtime.ts).
const { getNamedType, getNullableType, isListType, isObjectType, isInterfaceType } = graphqlRuntime;

/**
 * Query limits. Cost estimates the nodes a response can hold: every field costs its weight, and a
 * field's subtree is multiplied by how many items it can return (its page size, its buckets, the
 * default page when the caller leaves `first` out, an assumed size for unpaged lists).
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxCost: 300_000,
  /** Items assumed for a list field that takes no size argument. */
  unpagedListSize: 10,
} as const;

/** Arguments that bound how many items a field returns (or how many buckets a series has). */
const SIZE_ARGS = ['first', 'last', 'limit', 'buckets'] as const;
/** List arguments whose length multiplies the result (compareRuns: ids × keys series). */
const LENGTH_ARGS = new Set(['ids', 'keys']);
/**
 * Fields heavier than one node, weighted by the bytes they may carry so the cost bound is also a
 * memory bound: a prediction matrix is up to ~5 MB of base64, JSON documents a few KB typically
 * (256 KB at most, see SIZE_LIMITS).
 */
const FIELD_WEIGHTS: Record<string, number> = {
  'Prediction.probsBase64': 25_000,
  'Run.params': 5,
  'Run.summary': 5,
  'Experiment.plan': 5,
  'AuditEvent.args': 5,
  'EnsembleResult.confusion': 10,
};

/** Depth and cost of one operation. */
export interface OperationMeasure {
  depth: number;
  cost: number;
}

function argNumber(v: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const x = variables[v.name.value];
    return typeof x === 'number' ? x : undefined;
  }
  return undefined;
}

function argLength(v: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (v.kind === Kind.LIST) return v.values.length;
  if (v.kind === Kind.VARIABLE) {
    const x = variables[v.name.value];
    return Array.isArray(x) ? x.length : x === undefined || x === null ? undefined : 1;
  }
  return 1;
}

/**
 * How many times a field's subtree is repeated. A list directly under a sized field (`edges` of
 * `runs(first:)`, `points` of `metricSeries(buckets:)`) was already counted by its parent.
 */
function fieldFactor(
  sel: FieldNode,
  def: GraphQLField<unknown, unknown> | undefined,
  variables: Record<string, unknown>,
  parentSized: boolean,
): { factor: number; sized: boolean } {
  if (!def) return { factor: 1, sized: false };
  let factor = 1;
  let sized = false;
  for (const name of SIZE_ARGS) {
    const arg = def.args.find((a) => a.name === name);
    if (!arg) continue;
    const given = sel.arguments?.find((a) => a.name.value === name);
    const value =
      (given && argNumber(given.value, variables)) ??
      (typeof arg.defaultValue === 'number' ? arg.defaultValue : MAX_PAGE_SIZE);
    factor *= Math.max(1, value);
    sized = true;
  }
  const isList = isListType(getNullableType(def.type));
  if (isList) {
    for (const a of sel.arguments ?? [])
      if (LENGTH_ARGS.has(a.name.value)) factor *= Math.max(1, argLength(a.value, variables) ?? 1);
    if (!sized && !parentSized) factor *= QUERY_LIMITS.unpagedListSize;
  }
  return { factor, sized };
}

/**
 * Depth and cost of the operation to execute, against the schema (for argument defaults and list
 * types). Each fragment is measured once per context and memoised, so nesting fragments cannot
 * make the walk exponential.
 */
export function measureOperation(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const ops: OperationDefinitionNode[] = [];
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION) ops.push(d);
  }
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return { depth: 0, cost: 0 };
  const root =
    op.operation === 'mutation'
      ? schema.getMutationType()
      : op.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const memo = new Map<string, OperationMeasure>();
  const visiting = new Set<string>();

  const walk = (
    set: SelectionSetNode,
    type: GraphQLNamedType | null | undefined,
    parentSized: boolean,
  ): OperationMeasure => {
    let depth = 0;
    let cost = 0;
    const fields = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) {
          cost += 1;
          continue;
        }
        const def = fields[sel.name.value];
        const weight = FIELD_WEIGHTS[`${type?.name}.${sel.name.value}`] ?? 1;
        const { factor, sized } = fieldFactor(sel, def, variables, parentSized);
        if (sel.selectionSet) {
          const child = walk(sel.selectionSet, def && getNamedType(def.type), sized);
          depth = Math.max(depth, child.depth + 1);
          cost += factor * (weight + child.cost);
        } else {
          depth = Math.max(depth, 1);
          cost += factor * weight;
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        const child = walk(sel.selectionSet, cond, parentSized);
        depth = Math.max(depth, child.depth);
        cost += child.cost;
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        // Cycles are a validation error; stop here rather than recurse.
        if (!frag || visiting.has(name)) continue;
        const key = `${name}\u0000${parentSized}`;
        let child = memo.get(key);
        if (!child) {
          visiting.add(name);
          child = walk(frag.selectionSet, schema.getType(frag.typeCondition.name.value), parentSized);
          visiting.delete(name);
          memo.set(key, child);
        }
        depth = Math.max(depth, child.depth);
        cost += child.cost;
      }
    }
    return { depth, cost };
  };
  return walk(op.selectionSet, root, false);
}

/** A limit an operation breaks: a permanent refusal (QUERY_TOO_COMPLEX), never worth retrying unchanged. */
export interface BrokenLimit {
  message: string;
  code: 'QUERY_TOO_COMPLEX';
  status: 400;
}

/** The limit an operation breaks, if any; `spent` is cost already used by earlier operations of the same HTTP batch. */
export function checkLimits(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  spent = 0,
): (BrokenLimit & { cost?: never }) | { cost: number } {
  const { depth, cost } = measureOperation(schema, doc, operationName, variables ?? {});
  const refuse = (message: string): BrokenLimit => ({ message, code: 'QUERY_TOO_COMPLEX', status: 400 });
  if (depth > QUERY_LIMITS.maxDepth)
    return refuse(`query depth ${depth} exceeds the limit of ${QUERY_LIMITS.maxDepth}`);
  if (cost + spent > QUERY_LIMITS.maxCost)
    return refuse(
      `query cost ${cost + spent}${spent ? ' (with the earlier operations of this batch)' : ''} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for smaller pages (first, buckets), fewer aliases or fewer fields`,
    );
  return { cost };
}
