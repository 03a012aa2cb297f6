'use client';
import { useState } from 'react';

import { SetRunNoteDocument, SetRunTagsDocument } from '../../graphql/generated/graphql.ts';
import { ApiError } from '../../lib/graphql/errors.ts';
import { useMutation } from '../../lib/graphql/hooks.ts';
import { hasRole, useProject } from '../shell/project-context.tsx';

/** Tags and note; editable by members, read-only for viewers. */
export function RunNotes({ runId, tags, note }: { runId: string; tags: readonly string[]; note: string }) {
  const { role } = useProject();
  const setTags = useMutation(SetRunTagsDocument);
  const setNote = useMutation(SetRunNoteDocument);
  const [tagText, setTagText] = useState(tags.join(', '));
  const [noteText, setNoteText] = useState(note);
  const [msg, setMsg] = useState<string | null>(null);
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
      setMsg(e instanceof ApiError ? e.message : String(e));
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
        {msg && <span className="muted">{msg}</span>}
      </div>
    </div>
  );
}
