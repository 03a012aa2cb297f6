'use client';
import { createContext, useContext, type ReactNode } from 'react';

/**
 * Where the browser reaches the API: queries and mutations through the dashboard's same-origin
 * proxy (`/graphql`, so the API needs no CORS), subscriptions directly over WebSocket.
 */
export interface ClientConfig {
  apiUrl: string;
  wsUrl: string;
}

const ConfigContext = createContext<ClientConfig | null>(null);

export function toWsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function ConfigProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  return (
    <ConfigContext.Provider value={{ apiUrl: '/graphql', wsUrl: toWsUrl(apiUrl) }}>
      {children}
    </ConfigContext.Provider>
  );
}

export function useConfig(): ClientConfig {
  const c = useContext(ConfigContext);
  if (!c) throw new Error('ConfigProvider is missing');
  return c;
}
