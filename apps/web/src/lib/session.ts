'use client';
// The session token lives in localStorage (for fetch and graphql-ws) and a cookie of the same
// value, so a later server-rendered page could read it too.
const KEY = 'distillery.token';
const listeners = new Set<() => void>();

export function readToken(): string | null {
  if (typeof window === 'undefined') return null;
  return window.localStorage.getItem(KEY);
}

export function writeToken(token: string | null): void {
  if (token) {
    window.localStorage.setItem(KEY, token);
    document.cookie = `${KEY}=${encodeURIComponent(token)}; path=/; SameSite=Lax`;
  } else {
    window.localStorage.removeItem(KEY);
    document.cookie = `${KEY}=; path=/; max-age=0; SameSite=Lax`;
  }
  for (const l of listeners) l();
}

export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
