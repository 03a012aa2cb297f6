'use client';
import type { ReactNode } from 'react';

import { ConfigProvider } from '../../lib/config.tsx';
import { ThemeProvider } from './theme.tsx';
import { TopBar } from './top-bar.tsx';

/** Client-side providers and the frame every page sits in. */
export function Providers({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  return (
    <ConfigProvider apiUrl={apiUrl}>
      <ThemeProvider>
        <TopBar />
        {children}
      </ThemeProvider>
    </ConfigProvider>
  );
}
