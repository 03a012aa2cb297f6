// Writes clients/python/src/distillery/generated/api.json: the TypeScript client's operation documents
// (one home: packages/client/src/graphql, already validated by its codegen), each printed with the
// fragments it spreads, the enums of the printed SDL, and the AppErrorCode values of packages/errors the API
// sends (the transport codes are the Python package's own TransportError classes).
// `npm test` regenerates it and fails when it is stale, so the Python package cannot drift from either.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AppErrorCode, TRANSPORT_CODES } from '@distillery/errors';
import {
  buildSchema,
  isEnumType,
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = join(ROOT, 'packages/client/src/graphql');
const SDL = join(ROOT, 'packages/graphql-schema/schema.graphql');
const OUT = join(ROOT, 'clients/python/src/distillery/generated/api.json');

/** Every .graphql file of the TS client (top level and its queries/mutations/subscriptions folders). */
function documentFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['', 'queries', 'mutations', 'subscriptions'])
    for (const name of readdirSync(join(DOCS, dir)).sort())
      if (name.endsWith('.graphql')) files.push(join(DOCS, dir, name));
  return files;
}

/** Fragment names an operation needs, transitively, in first-use order. */
function fragmentsOf(
  node: DefinitionNode,
  all: Map<string, FragmentDefinitionNode>,
  seen = new Set<string>(),
) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = all.get(name);
      if (!fragment) throw new Error(`fragment ${name} is not defined`);
      fragmentsOf(fragment, all, seen);
    },
  });
  return seen;
}

const definitions = documentFiles().flatMap((f) => parse(readFileSync(f, 'utf8')).definitions);
const fragments = new Map(
  definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]),
);
const operations: Record<string, { type: string; variables: Record<string, string>; document: string }> = {};
for (const op of definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
)) {
  const name = op.name!.value;
  const used = [...fragmentsOf(op, fragments)].map((n) => print(fragments.get(n)!));
  operations[name] = {
    type: op.operation,
    variables: Object.fromEntries(
      (op.variableDefinitions ?? []).map((v) => [v.variable.name.value, print(v.type)]),
    ),
    document: [print(op), ...used].join('\n\n'),
  };
}
const schema = buildSchema(readFileSync(SDL, 'utf8'));
const enums = Object.fromEntries(
  Object.values(schema.getTypeMap())
    .filter((t) => isEnumType(t) && !t.name.startsWith('__'))
    .map((t) => [t.name, isEnumType(t) ? t.getValues().map((v) => v.name) : []])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
);
const sorted = Object.fromEntries(Object.entries(operations).sort(([a], [b]) => a.localeCompare(b)));
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  `${JSON.stringify({ errorCodes: Object.values(AppErrorCode).filter((c) => !TRANSPORT_CODES.has(c)), enums, operations: sorted }, null, 2)}\n`,
);
