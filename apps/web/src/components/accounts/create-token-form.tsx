'use client';
import { CreateScopedApiTokenDocument, type CreateScopedApiTokenMutationVariables } from '@distillery/client';
import { useState, type ReactNode } from 'react';

import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { Field, FormErrors } from '../forms/field.tsx';
import { SecretOnce } from './secret-once.tsx';
import { useAction } from './use-action.ts';

type CreateTokenInput = CreateScopedApiTokenMutationVariables['input'];

/**
 * Create an API or runner token: a name field, any extra fields the caller renders, and the secret
 * shown once. User and runner tokens share this so both refuse, show errors and reveal secrets alike.
 */
export function CreateTokenForm({
  inputName,
  label,
  placeholder,
  button,
  secretTitle,
  secretNote,
  extraFields = [],
  input,
  children,
}: {
  /** The name input's `name` attribute (tests and password managers find the field by it). */
  inputName: string;
  label: string;
  placeholder: string;
  button: string;
  secretTitle: string;
  secretNote: string;
  /** Input fields the children render, whose API errors the children show. */
  extraFields?: readonly string[];
  /** The mutation's input, given the typed name. */
  input: (name: string) => CreateTokenInput;
  children?: (fields: Record<string, string>) => ReactNode;
}) {
  const create = useGqlMutation(CreateScopedApiTokenDocument);
  const action = useAction(['name', ...extraFields]);
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      {secret && (
        <SecretOnce title={secretTitle} value={secret} note={secretNote} onDone={() => setSecret(null)} />
      )}
      <form
        className="form form-inline"
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () => {
            const r = await create.mutate({ input: input(name) });
            setSecret(r.createApiToken.secret);
            setName('');
          });
        }}
      >
        <FormErrors errors={action.general} />
        <Field label={label} error={action.fields.name}>
          <input
            name={inputName}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={placeholder}
            required
          />
        </Field>
        {children?.(action.fields)}
        <button type="submit" className="primary" disabled={action.pending}>
          {button}
        </button>
      </form>
    </>
  );
}
