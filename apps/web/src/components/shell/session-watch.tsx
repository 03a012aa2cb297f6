'use client';
import { JobQueueChangedDocument } from '../../graphql/generated/graphql.ts';
import { useSubscription } from '../../lib/graphql/hooks.ts';

/**
 * Keeps the subscription socket open on every page while signed in, so a revoked session is noticed
 * at once: the API closes the sockets of a disabled user or a revoked token (4403), the client then
 * checks the session (see browserClient) and an UNAUTHENTICATED answer sends the page to sign-in.
 * The events themselves are not needed here (pages that show the queue subscribe for themselves).
 */
export function SessionWatch() {
  useSubscription(JobQueueChangedDocument, { projectId: null }, () => undefined);
  return null;
}
