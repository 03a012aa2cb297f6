'use client';
import type { ReactNode } from 'react';

import { GraphqlProvider } from '../../lib/graphql/provider.tsx';
import { ThemeProvider } from './theme.tsx';
import { TopBar } from './top-bar.tsx';

/** Client-side providers and the frame every page sits in. */
export function Providers({ children }: { children: ReactNode }) {
  return (
    <GraphqlProvider>
      <ThemeProvider>
        <TopBar />
        {children}
      </ThemeProvider>
    </GraphqlProvider>
  );
}
