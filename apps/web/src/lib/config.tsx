'use client';

/**
 * Where the browser reaches the API: queries and mutations through the dashboard's same-origin
 * proxy (`/graphql`, so the API needs no CORS), subscriptions directly over WebSocket at the URL
 * that `/runtime-config` puts on `window` before any page script runs.
 */
export interface ClientConfig {
  apiUrl: string;
  wsUrl: string;
}

declare global {
  interface Window {
    __DISTILLERY_API_URL__?: string;
  }
}

export function toWsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** The client configuration (only meaningful in the browser, where all data is fetched). */
export function useConfig(): ClientConfig {
  if (typeof window === 'undefined') return { apiUrl: '/graphql', wsUrl: '' };
  const api =
    window.__DISTILLERY_API_URL__ ?? `${window.location.protocol}//${window.location.hostname}:4000/graphql`;
  return { apiUrl: '/graphql', wsUrl: toWsUrl(api) };
}
