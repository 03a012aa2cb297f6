'use client';
import { fieldErrors } from '@distillery/client';
import { useState } from 'react';

import { Field, FormErrors } from '../forms/field.tsx';
import { errorFor, unplacedErrors } from './form-helpers.ts';

/** One input of a launch form; `parse` turns the text into the API value or throws a message. */
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'number' | 'select' | 'multi' | 'checkbox';
  options?: readonly { value: string; label: string }[];
  initial?: string | boolean | string[];
  hint?: string;
  optional?: boolean;
  parse?: (raw: string) => unknown;
}

type Values = Record<string, string | boolean | string[]>;

/** A form built from field specs: checked in the browser first, then the API's field errors are shown in place. */
export function SpecForm({
  title,
  fields,
  submitLabel,
  onSubmit,
}: {
  title: string;
  fields: readonly FieldSpec[];
  submitLabel: string;
  onSubmit: (input: Record<string, unknown>) => Promise<string>;
}) {
  const [values, setValues] = useState<Values>(() =>
    Object.fromEntries(
      fields.map((f) => [
        f.name,
        f.initial ?? (f.kind === 'multi' ? [] : f.kind === 'checkbox' ? false : ''),
      ]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    setFormErrors([]);
    const input: Record<string, unknown> = {};
    const local: Record<string, string> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (f.kind === 'checkbox' || f.kind === 'multi') {
        if (f.kind === 'multi' && !f.optional && (v as string[]).length === 0)
          local[f.name] = 'pick at least one';
        input[f.name] = v;
        continue;
      }
      const raw = String(v ?? '').trim();
      if (raw === '') {
        if (!f.optional) local[f.name] = 'required';
        continue;
      }
      try {
        input[f.name] = f.parse ? f.parse(raw) : f.kind === 'number' ? Number(raw) : raw;
        if (f.kind === 'number' && !Number.isFinite(input[f.name]))
          local[f.name] = `"${raw}" is not a number`;
      } catch (err) {
        local[f.name] = (err as Error).message;
      }
    }
    setErrors(local);
    if (Object.keys(local).length) return;
    setPending(true);
    try {
      setDone(await onSubmit(input));
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormErrors(
        unplacedErrors(
          err,
          fields.map((f) => f.name),
        ),
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <h2>{title}</h2>
      <FormErrors errors={formErrors} />
      {fields.map((f) => {
        const v = values[f.name];
        const set = (nv: string | boolean | string[]) => setValues((s) => ({ ...s, [f.name]: nv }));
        const control =
          f.kind === 'select' ? (
            <select name={f.name} value={String(v)} onChange={(e) => set(e.target.value)}>
              {f.optional && <option value="">—</option>}
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.kind === 'multi' ? (
            <select
              name={f.name}
              multiple
              size={Math.min(8, Math.max(3, f.options?.length ?? 3))}
              value={v as string[]}
              onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}
            >
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : f.kind === 'checkbox' ? (
            <input
              name={f.name}
              type="checkbox"
              checked={v === true}
              onChange={(e) => set(e.target.checked)}
            />
          ) : (
            <input
              name={f.name}
              value={String(v)}
              onChange={(e) => set(e.target.value)}
              inputMode={f.kind === 'number' ? 'decimal' : undefined}
            />
          );
        return (
          <Field key={f.name} label={f.label} error={errorFor(errors, f.name)} hint={f.hint}>
            {control}
          </Field>
        );
      })}
      <div className="row">
        <button type="submit" className="primary" disabled={pending}>
          {submitLabel}
        </button>
        {done && (
          <span className="muted" role="status">
            {done}
          </span>
        )}
      </div>
    </form>
  );
}
