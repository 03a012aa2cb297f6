'use client';
import { toAppError, type AppError } from '@distillery/client';
import { useEffect, useState } from 'react';

import { SetRunNoteDocument, SetRunTagsDocument } from '../../graphql/generated/graphql.ts';
import { useGqlMutation } from '../../lib/graphql/hooks.ts';
import { ErrorText } from '../forms/field.tsx';
import { hasRole, useProject } from '../shell/project-context.tsx';

/** Tags and note; editable by members, read-only for viewers. */
export function RunNotes({ runId, tags, note }: { runId: string; tags: readonly string[]; note: string }) {
  const { role } = useProject();
  const setTags = useGqlMutation(SetRunTagsDocument);
  const setNote = useGqlMutation(SetRunNoteDocument);
  const [tagText, setTagText] = useState(tags.join(', '));
  const [noteText, setNoteText] = useState(note);
  const [msg, setMsg] = useState<string | AppError | null>(null);
  // The saved values come back through the refetched run (the mutation invalidated it), as do
  // changes made elsewhere: show them without remounting, so "Saved" stays on screen.
  const tagsKey = tags.join(', ');
  useEffect(() => setTagText(tagsKey), [tagsKey]);
  useEffect(() => setNoteText(note), [note]);
  const canEdit = hasRole(role, 'MEMBER');
  const save = async () => {
    setMsg(null);
    try {
      await setTags.mutate({
        runId,
        tags: tagText
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      });
      await setNote.mutate({ runId, note: noteText });
      setMsg('Saved');
    } catch (e) {
      setMsg(toAppError(e));
    }
  };
  if (!canEdit)
    return (
      <div>
        {tags.map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}
        {note && <p>{note}</p>}
      </div>
    );
  return (
    <div className="form">
      <input
        value={tagText}
        onChange={(e) => setTagText(e.target.value)}
        placeholder="tags, comma separated"
        aria-label="Tags"
      />
      <textarea
        value={noteText}
        onChange={(e) => setNoteText(e.target.value)}
        rows={3}
        placeholder="Note"
        aria-label="Note"
      />
      <div className="row">
        <button type="button" onClick={save} disabled={setTags.pending || setNote.pending}>
          Save tags and note
        </button>
        {typeof msg === 'string' && <span className="muted">{msg}</span>}
        {msg && typeof msg !== 'string' && (
          <span className="field-error" role="alert">
            <ErrorText error={msg} />
          </span>
        )}
      </div>
    </div>
  );
}
