import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** Query limits: nesting depth and an estimated cost (fields × requested list sizes). */
export const QUERY_LIMITS = { maxDepth: 10, maxCost: 50_000 } as const;

/** List-size arguments: a field's children cost this many times over. */
const SIZE_ARGS = new Set(['first', 'last', 'limit']);
const DEFAULT_LIST_FACTOR = 10;

function argNumber(v: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (v.kind === Kind.INT) return Number(v.value);
  if (v.kind === Kind.VARIABLE) {
    const x = variables[v.name.value];
    return typeof x === 'number' ? x : undefined;
  }
  return undefined;
}

/** Depth and cost of the operation to execute. */
export function measureOperation(
  doc: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): { depth: number; cost: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const ops: OperationDefinitionNode[] = [];
  for (const d of doc.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION) ops.push(d);
  }
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return { depth: 0, cost: 0 };
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        let factor = 1;
        for (const a of sel.arguments ?? []) {
          if (SIZE_ARGS.has(a.name.value))
            factor = Math.max(1, argNumber(a.value, variables) ?? DEFAULT_LIST_FACTOR);
        }
        if (sel.selectionSet) {
          const child = walk(sel.selectionSet, depth + 1, seen);
          maxDepth = Math.max(maxDepth, child.depth);
          cost += 1 + factor * child.cost;
        } else {
          cost += 1;
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const child = walk(sel.selectionSet, depth, seen);
        maxDepth = Math.max(maxDepth, child.depth);
        cost += child.cost;
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        const child = walk(frag.selectionSet, depth, new Set([...seen, frag.name.value]));
        maxDepth = Math.max(maxDepth, child.depth);
        cost += child.cost;
      }
    }
    return { depth: maxDepth, cost };
  };
  return walk(op.selectionSet, 1, new Set());
}

/** The limit an operation breaks, if any (BAD_USER_INPUT for depth, RATE_LIMITED for cost). */
export function checkLimits(
  doc: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): { message: string; code: string; status: number } | null {
  const { depth, cost } = measureOperation(doc, operationName, variables ?? {});
  if (depth > QUERY_LIMITS.maxDepth)
    return {
      message: `query depth ${depth} exceeds the limit of ${QUERY_LIMITS.maxDepth}`,
      code: 'BAD_USER_INPUT',
      status: 400,
    };
  if (cost > QUERY_LIMITS.maxCost) {
    return {
      message: `query cost ${cost} exceeds the limit of ${QUERY_LIMITS.maxCost}; ask for smaller pages or fewer fields`,
      code: 'RATE_LIMITED',
      status: 429,
    };
  }
  return null;
}
