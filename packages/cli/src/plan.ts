// Experiment plans in YAML or JSON (JSON is YAML), validated with zod; every problem is reported as
// `file:line:col: path: message` so a long grid file can be fixed without guessing.
import type { FusionRule as FusionRuleEnum, LaunchExperimentInput } from '@distillery/client';
import {
  DISTILL_MODES,
  enumValueOf,
  EPOCH_BUDGETS,
  FUSION_RULES,
  fusionRuleEnumValue,
  MAX_PATIENCE,
  RESTORE_BEST,
  TEACHER_ORIGINS,
  TEMPERATURE_MODES,
  TIE_CONVENTIONS,
} from '@distillery/domain';
import { isMap, isNode, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';

import { cliName } from './vocabulary.ts';

const fraction = z.number().gt(0, 'must be in (0, 1]').max(1, 'must be in (0, 1]');
/** A vocabulary name of @distillery/domain written in any case, with `-` or `_`; parses to the member. */
const vocabulary = <T extends string>(values: readonly T[]) =>
  z.string().transform((s, c) => {
    const v = values.find((x) => enumValueOf(x) === enumValueOf(s.trim()));
    if (v === undefined) {
      c.addIssue({
        code: 'custom',
        message: `must be one of ${values.map(cliName).join(', ')} (got "${s}")`,
      });
      return z.NEVER;
    }
    return v;
  });

/** The plan file's schema: the method's grid (mtkd-method.md §4.3), one field per LaunchExperimentInput field. */
export const planSchema = z.strictObject({
  name: z.string().min(1),
  split: z.uuid('must be a split id (see `distillery datasets list --json`)'),
  teacherArchitecture: z.string().min(1),
  studentArchitecture: z.string().min(1),
  fractions: z.array(fraction).min(1),
  teacherCounts: z.array(z.number().int().min(1, 'must be at least 1')).min(1),
  modes: z.array(vocabulary(DISTILL_MODES)).min(1),
  alphas: z.array(z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]')).min(1),
  repetitions: z.number().int().min(1),
  epochs: z.number().int().min(1).optional(),
  rules: z.array(vocabulary(FUSION_RULES)).min(1).optional(),
  temperature: z.number().positive().optional(),
  temperatureMode: vocabulary(TEMPERATURE_MODES).optional(),
  includeBaselines: z.boolean().optional(),
  ties: vocabulary(TIE_CONVENTIONS).optional(),
  /** INDEPENDENT teachers, or the first N checkpoints of one SNAPSHOT/FGE run per repetition and p. */
  teacherOrigin: vocabulary(TEACHER_ORIGINS).optional(),
  cycles: z.number().int().min(1, 'must be at least 1').optional(),
  /** How the grid trains; fields left out take the method's way (see TrainingOptionsInput). */
  training: z
    .strictObject({
      augment: z.boolean().optional(),
      epochBudget: vocabulary(EPOCH_BUDGETS).optional(),
      patience: z.number().int().min(0).max(MAX_PATIENCE).optional(),
      restoreBest: vocabulary(RESTORE_BEST).optional(),
    })
    .optional(),
});

/** A validated plan. */
export type Plan = z.infer<typeof planSchema>;

/** One validation problem with its position in the file. */
export interface PlanIssue {
  line: number;
  col: number;
  path: string;
  message: string;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)),
    '',
  );
}

/** The node an issue points at: the value, an unknown key itself, or the nearest existing parent. */
function locate(doc: Document, path: readonly PropertyKey[], unknownKey?: string): Node | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (!isNode(node)) continue;
    if (unknownKey !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find(
        (p) => isNode(p.key) && (p.key as { value?: unknown }).value === unknownKey,
      );
      if (pair && isNode(pair.key)) return pair.key;
    }
    return node;
  }
  return undefined;
}

/** Parse and validate a plan; returns the plan or every issue with line numbers. */
export function parsePlan(
  text: string,
): { plan: Plan; issues: [] } | { plan: undefined; issues: PlanIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      plan: undefined,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { line: pos.line, col: pos.col, path: '', message: e.message.split('\n')[0]! };
      }),
    };
  }
  const parsed = planSchema.safeParse(doc.toJS());
  if (parsed.success) return { plan: parsed.data, issues: [] };
  const issues: PlanIssue[] = [];
  for (const issue of parsed.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const node = locate(doc, issue.path, key);
      const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
      const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
      const message = key !== undefined ? `unknown field "${key}"` : missing ? `is required` : issue.message;
      issues.push({
        line: pos.line,
        col: pos.col,
        path: pathText(key !== undefined ? [...issue.path, key] : issue.path),
        message,
      });
    }
  }
  issues.sort((a, b) => a.line - b.line || a.col - b.col);
  return { plan: undefined, issues };
}

/** The launchExperiment input of a plan. */
export function planToInput(plan: Plan): LaunchExperimentInput {
  return {
    name: plan.name,
    splitId: plan.split,
    teacherArchitecture: plan.teacherArchitecture,
    studentArchitecture: plan.studentArchitecture,
    fractions: plan.fractions,
    teacherCounts: plan.teacherCounts,
    modes: plan.modes,
    alphas: plan.alphas,
    repetitions: plan.repetitions,
    ...(plan.epochs !== undefined ? { epochs: plan.epochs } : {}),
    ...(plan.rules ? { rules: plan.rules.map((r) => fusionRuleEnumValue(r) as FusionRuleEnum) } : {}),
    ...(plan.temperature !== undefined ? { temperature: plan.temperature } : {}),
    ...(plan.temperatureMode ? { temperatureMode: plan.temperatureMode } : {}),
    ...(plan.includeBaselines !== undefined ? { includeBaselines: plan.includeBaselines } : {}),
    ...(plan.ties ? { ties: plan.ties } : {}),
    ...(plan.teacherOrigin ? { teacherOrigin: plan.teacherOrigin } : {}),
    ...(plan.cycles !== undefined ? { cycles: plan.cycles } : {}),
    ...(plan.training ? { training: plan.training } : {}),
  };
}
