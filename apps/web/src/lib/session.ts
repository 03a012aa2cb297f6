'use client';
// The session token never reaches page scripts: it lives in an HttpOnly, SameSite=Strict cookie that
// the dashboard's server sets (/session) and turns into the bearer header (/graphql); the API reads
// the same cookie on the WebSocket upgrade. Scripts see only whether a session exists (a companion
// cookie without the secret), as the marker `readToken` returns.
const PRESENT = 'distillery_signed_in';
/** What `readToken` returns while signed in: a flag, not a credential (the cookie carries that). */
export const SESSION_MARKER = 'session-cookie';
const listeners = new Set<() => void>();

/** SESSION_MARKER while a dashboard session exists, else null. */
export function readToken(): string | null {
  if (typeof document === 'undefined') return null;
  return document.cookie.split('; ').some((c) => c === `${PRESENT}=1`) ? SESSION_MARKER : null;
}

/**
 * Record a sign-in or sign-out the server already made (null clears the flag, e.g. after the API said
 * UNAUTHENTICATED) and re-render what depends on it.
 */
export function writeToken(token: string | null): void {
  if (!token) document.cookie = `${PRESENT}=; path=/; max-age=0; SameSite=Strict`;
  for (const l of listeners) l();
}

export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sign in through the dashboard's server: email + password, or an API token it checks first. */
export async function startSession(
  credentials: { email: string; password: string } | { token: string },
): Promise<{ errors?: { message: string; extensions?: { code?: string; field?: string } }[] }> {
  const res = await fetch('/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  if (!body.errors) writeToken(SESSION_MARKER);
  return body;
}

/** End the session on the API and drop its cookies. */
export async function endSession(): Promise<void> {
  await fetch('/session', { method: 'DELETE' }).catch(() => undefined);
  writeToken(null);
}
