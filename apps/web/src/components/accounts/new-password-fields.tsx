'use client';
import type { ShownError } from '../forms/api-errors.ts';
import { Field } from '../forms/field.tsx';

/** New password twice, with the policy as a hint and the API's refusal in place. */
export function NewPasswordFields({
  value,
  repeat,
  onChange,
  onRepeat,
  error,
}: {
  value: string;
  repeat: string;
  onChange: (v: string) => void;
  onRepeat: (v: string) => void;
  error?: ShownError;
}) {
  return (
    <>
      <Field
        label="Password"
        error={error}
        hint="At least 12 characters; common and breached passwords are refused. A few words work well."
      >
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required
        />
      </Field>
      <Field
        label="Password again"
        error={repeat && repeat !== value ? 'the two passwords differ' : undefined}
      >
        <input
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => onRepeat(e.target.value)}
          required
        />
      </Field>
    </>
  );
}
