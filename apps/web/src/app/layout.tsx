import '@fontsource/inter/400.css';
import '@fontsource/inter/500.css';
import '@fontsource/inter/600.css';
import '@fontsource/jetbrains-mono/400.css';
import './globals.css';

import { connection } from 'next/server';
import type { ReactNode } from 'react';

import { Providers } from '../components/shell/providers.tsx';
import { THEME_BOOT_SCRIPT } from '../components/shell/theme.tsx';
import { readWebEnv } from '../env.ts';

export const metadata = {
  title: 'Distillery',
  description: 'Ensemble and multi-teacher distillation experiments',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request so NEXT_PUBLIC_API_URL is read at run time, not frozen into the build.
  await connection();
  const env = readWebEnv();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body>
        <Providers apiUrl={env.NEXT_PUBLIC_API_URL}>{children}</Providers>
      </body>
    </html>
  );
}
