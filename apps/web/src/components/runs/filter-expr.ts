import type { CompareOp, JsonPredicate } from '@distillery/graphql-schema/types';

const OPS: [string, CompareOp][] = [
  ['>=', 'GTE'],
  ['<=', 'LTE'],
  ['!=', 'NE'],
  ['>', 'GT'],
  ['<', 'LT'],
  ['=', 'EQ'],
];

/** Parsed `where` box: predicates on params and summary, or the first error. */
export interface ParsedWhere {
  params: JsonPredicate[];
  summary: JsonPredicate[];
  error: string | null;
}

function parseValue(raw: string): unknown {
  const t = raw.trim();
  if (t === '') return '';
  try {
    return JSON.parse(t);
  } catch {
    return t.replace(/^['"]|['"]$/g, '');
  }
}

/**
 * Parse `summary.test_accuracy >= 0.8, params.mode = MIMIC_ALL, params.alpha in [0, 0.25]` into the
 * API's JsonPredicate lists (all combined with AND). `has params.x` tests existence.
 */
export function parseWhere(text: string): ParsedWhere {
  const out: ParsedWhere = { params: [], summary: [], error: null };
  for (const part of text
    .split(/,(?![^[]*\])|\band\b/i)
    .map((s) => s.trim())
    .filter(Boolean)) {
    let m = /^has\s+(params|summary)\.([\w.-]+)$/i.exec(part);
    if (m) {
      out[m[1]!.toLowerCase() as 'params' | 'summary'].push({ path: m[2]!, op: 'EXISTS' });
      continue;
    }
    m = /^(params|summary)\.([\w.-]+)\s+in\s+(\[.*\])$/i.exec(part);
    if (m) {
      const v = parseValue(m[3]!);
      if (!Array.isArray(v)) return { ...out, error: `"${part}": in needs a JSON array` };
      out[m[1]!.toLowerCase() as 'params' | 'summary'].push({ path: m[2]!, op: 'IN', value: v });
      continue;
    }
    const op = OPS.find(([sym]) => part.includes(sym));
    m = op
      ? new RegExp(
          `^(params|summary)\\.([\\w.-]+)\\s*${op[0].replace(/[<>!=]/g, '\\$&')}\\s*(.+)$`,
          'i',
        ).exec(part)
      : null;
    if (!op || !m)
      return {
        ...out,
        error: `"${part}": write params.<key> or summary.<key>, an operator (= != > >= < <= in) and a value`,
      };
    out[m[1]!.toLowerCase() as 'params' | 'summary'].push({
      path: m[2]!,
      op: op[1],
      value: parseValue(m[3]!),
    });
  }
  return out;
}
