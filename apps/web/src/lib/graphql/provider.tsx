'use client';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';

import { onTokenChange } from '../session.ts';
import { createQueryClient } from './query-client.ts';

/** The query cache for the dashboard's pages; a sign-in or sign-out empties it (no data outlives its session). */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => onTokenChange(() => queryClient.clear()), [queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
