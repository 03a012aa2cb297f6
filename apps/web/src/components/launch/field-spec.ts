// What a launch form is made of, and the browser-side reading of its values into the API's input
// (pure, so the preview and the submit read the same input).

/** One choice of a select. */
export interface Choice {
  value: string;
  label: string;
}

/** The form's current raw values by field name. */
export type Values = Record<string, string | boolean | string[]>;

/**
 * One input of a launch form; `parse` turns the text into the API value or throws a message. A dotted
 * name (`training.epochBudget`) nests into the input; `options` may depend on the other values (the
 * subsets of the chosen split).
 */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'number' | 'select' | 'multi' | 'checkbox';
  options?: readonly Choice[] | ((values: Values) => readonly Choice[]);
  initial?: string | boolean | string[];
  hint?: string;
  optional?: boolean;
  parse?: (raw: string) => unknown;
  /** Fields of a section are folded under its title (settings most launches leave alone). */
  section?: string;
}

/** The choices a field offers for these values. */
export function choicesOf(f: FieldSpec, values: Values): readonly Choice[] {
  return typeof f.options === 'function' ? f.options(values) : (f.options ?? []);
}

/** A select's value: the picked choice, or the first one when the pick is no longer offered. */
export function selectedValue(f: FieldSpec, values: Values): string {
  const v = String(values[f.name] ?? '');
  const choices = choicesOf(f, values);
  if (v === '' && f.optional) return '';
  return choices.some((c) => c.value === v) ? v : (choices[0]?.value ?? v);
}

/** The values a form starts with. */
export function initialValues(fields: readonly FieldSpec[]): Values {
  return Object.fromEntries(
    fields.map((f) => [f.name, f.initial ?? (f.kind === 'multi' ? [] : f.kind === 'checkbox' ? false : '')]),
  );
}

function put(input: Record<string, unknown>, name: string, value: unknown): void {
  const [head, ...rest] = name.split('.');
  if (rest.length === 0) {
    input[head!] = value;
    return;
  }
  const inner = (input[head!] ??= {}) as Record<string, unknown>;
  put(inner, rest.join('.'), value);
}

/** Read the values into the API's input; `errors` names each field the browser already refuses. */
export function parseFields(
  fields: readonly FieldSpec[],
  values: Values,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox' || f.kind === 'multi') {
      // A multi-select keeps only choices still offered (the split changed under a subset pick).
      const offered = new Set(choicesOf(f, values).map((c) => c.value));
      const picked = f.kind === 'multi' ? (v as string[]).filter((x) => offered.has(x)) : v;
      if (f.kind === 'multi' && !f.optional && (picked as string[]).length === 0)
        errors[f.name] = 'pick at least one';
      put(input, f.name, picked);
      continue;
    }
    const raw = (f.kind === 'select' ? selectedValue(f, values) : String(v ?? '')).trim();
    if (raw === '') {
      if (!f.optional) errors[f.name] = 'required';
      continue;
    }
    try {
      const parsed = f.parse ? f.parse(raw) : f.kind === 'number' ? Number(raw) : raw;
      if (f.kind === 'number' && !Number.isFinite(parsed)) errors[f.name] = `"${raw}" is not a number`;
      else put(input, f.name, parsed);
    } catch (err) {
      errors[f.name] = (err as Error).message;
    }
  }
  return { input, errors };
}

/** Choices with distinct labels: a label shared by several gets the value's first 8 characters. */
export function uniqueLabels(choices: readonly Choice[]): Choice[] {
  const seen = new Map<string, number>();
  for (const c of choices) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  return choices.map((c) =>
    seen.get(c.label)! > 1 ? { ...c, label: `${c.label} · #${c.value.slice(0, 8)}` } : c,
  );
}
