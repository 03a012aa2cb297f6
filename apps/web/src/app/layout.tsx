import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/jetbrains-mono/400.css';
import './globals.css';
import './accounts.css';

import type { ReactNode } from 'react';

import { Providers } from '../components/shell/providers.tsx';
import { THEME_BOOT_SCRIPT } from '../components/shell/theme.tsx';

export const metadata = {
  title: 'Distillery',
  description: 'Ensemble and multi-teacher distillation experiments',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
        {/* Blocking on purpose: the API URL must be set before the app's scripts run. */}
        <script src="/runtime-config" />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
