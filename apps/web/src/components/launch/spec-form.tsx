'use client';
import { type ReactNode, useState } from 'react';

import { apiFieldErrors, errorFor, type ShownError, unplacedErrors } from '../forms/api-errors.ts';
import { Field, FormErrors } from '../forms/field.tsx';
import './launch.css';
import {
  choicesOf,
  type FieldSpec,
  initialValues,
  parseFields,
  selectedValue,
  type Values,
} from './field-spec.ts';
import { PageLink } from '../shell/page-link.tsx';

export type { FieldSpec } from './field-spec.ts';

/** What a submit reports: a sentence, and links to what it queued or created. */
export interface Done {
  message: string;
  links?: readonly { href: string; label: string }[];
}

/**
 * A form built from field specs: checked in the browser first, then the API's field errors are shown
 * in place. `preview` renders beside the submit button from the current input (null while a field is
 * refused); when `confirm` returns a question for an input, submitting asks it before anything is sent.
 */
export function SpecForm({
  title,
  fields,
  submitLabel,
  onSubmit,
  preview,
  confirm,
  intro,
}: {
  title: string;
  fields: readonly FieldSpec[];
  submitLabel: string;
  onSubmit: (input: Record<string, unknown>) => Promise<string | Done>;
  preview?: (input: Record<string, unknown> | null, values: Values) => ReactNode;
  confirm?: (input: Record<string, unknown>) => { question: string; yes: string } | null;
  intro?: ReactNode;
}) {
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  // Browser-side checks (strings) or the API's errors (with their codes).
  const [errors, setErrors] = useState<Record<string, string | ShownError>>({});
  const [formErrors, setFormErrors] = useState<ShownError[]>([]);
  const [done, setDone] = useState<Done | null>(null);
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState<{ question: string; yes: string } | null>(null);
  const current = parseFields(fields, values);
  const valid = Object.keys(current.errors).length === 0;

  async function send(input: Record<string, unknown>) {
    setAsking(null);
    setPending(true);
    try {
      const r = await onSubmit(input);
      setDone(typeof r === 'string' ? { message: r } : r);
    } catch (err) {
      setErrors(apiFieldErrors(err));
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

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    setFormErrors([]);
    setErrors(current.errors);
    if (!valid) return;
    const question = confirm?.(current.input) ?? null;
    if (question) setAsking(question);
    else void send(current.input);
  }

  const renderField = (f: FieldSpec) => {
    const v = values[f.name];
    const set = (nv: string | boolean | string[]) => {
      setAsking(null);
      setValues((s) => ({ ...s, [f.name]: nv }));
    };
    const choices = choicesOf(f, values);
    const control =
      f.kind === 'select' ? (
        <select name={f.name} value={selectedValue(f, values)} onChange={(e) => set(e.target.value)}>
          {f.optional && <option value="">—</option>}
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : f.kind === 'multi' ? (
        <select
          name={f.name}
          multiple
          size={Math.min(8, Math.max(3, choices.length))}
          value={v as string[]}
          onChange={(e) => set([...e.target.selectedOptions].map((o) => o.value))}
        >
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : f.kind === 'checkbox' ? (
        <input name={f.name} type="checkbox" checked={v === true} onChange={(e) => set(e.target.checked)} />
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
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <h2>{title}</h2>
      {intro}
      <FormErrors errors={formErrors} />
      {fields.filter((f) => !f.section).map(renderField)}
      {[...new Set(fields.flatMap((f) => (f.section ? [f.section] : [])))].map((section) => {
        const inner = fields.filter((f) => f.section === section);
        return (
          <details key={section} className="form-section" open={inner.some((f) => errorFor(errors, f.name))}>
            <summary>{section}</summary>
            <div className="form-section-body">{inner.map(renderField)}</div>
          </details>
        );
      })}
      {preview?.(valid ? current.input : null, values)}
      {asking ? (
        <div className="banner warn" role="alertdialog" aria-label="Confirm launch">
          <div>{asking.question}</div>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={pending}
              onClick={() => void send(current.input)}
            >
              {asking.yes}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              Back to the form
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <button type="submit" className="primary" disabled={pending}>
            {submitLabel}
          </button>
          {done && (
            <span className="done" role="status">
              {done.message}
              {done.links?.map((l) => (
                <span key={l.href}>
                  {' '}
                  <PageLink href={l.href}>{l.label}</PageLink>
                </span>
              ))}
            </span>
          )}
        </div>
      )}
    </form>
  );
}
