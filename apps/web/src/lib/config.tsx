'use client';
import { createContext, useContext, type ReactNode } from 'react';

/** Where the browser reaches the API (HTTP for queries and mutations, WS for subscriptions). */
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
    <ConfigContext.Provider value={{ apiUrl, wsUrl: toWsUrl(apiUrl) }}>{children}</ConfigContext.Provider>
  );
}

export function useConfig(): ClientConfig {
  const c = useContext(ConfigContext);
  if (!c) throw new Error('ConfigProvider is missing');
  return c;
}
