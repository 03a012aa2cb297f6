'use client';
import { RegisterDatasetDocument } from '../../graphql/generated/graphql.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { OPTIONS } from '../../lib/vocabulary.ts';
import { first } from './launch-fields.ts';
import { SpecForm } from './spec-form.tsx';

/**
 * Register a dataset by preset: the API records the built-in copy's own hash, so nobody types one.
 * Folders (any other preset, or a lab's own images) are packed and uploaded by the CLI.
 */
export function DatasetForm({ projectId, onLaunched }: { projectId: string; onLaunched: () => void }) {
  const registerDataset = useGqlMutation(RegisterDatasetDocument);
  const presets = OPTIONS.builtinPresets;
  return (
    <SpecForm
      title="Register a dataset"
      submitLabel="Register"
      intro={
        <div className="muted first-steps">
          A built-in dataset registers in one step; runners load their own copy. For your own images
          (train/&lt;class&gt;/… folders, a CSV, a DAIS tree) or cifar10/emnist/corrosion, the CLI packs the
          folder, uploads it and registers it under its SHA-256:
          <pre>npx distillery datasets import ./my-images --shape 64x64x3</pre>
        </div>
      }
      fields={[
        {
          name: 'preset',
          label: 'Built-in dataset',
          kind: 'select',
          options: presets,
          initial: first(presets),
        },
        { name: 'name', label: 'Name in this project', initial: first(presets) },
      ]}
      onSubmit={async (input) => {
        const ds = (await registerDataset.mutate({ input: { ...input, projectId } as never }))
          .registerDataset;
        onLaunched();
        return `Registered ${ds.name}. Next: split it (Split tab).`;
      }}
    />
  );
}
