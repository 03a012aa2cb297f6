import type { ReactNode } from 'react';

export const metadata = { title: 'Distillery', description: 'Ensemble and multi-teacher distillation experiments' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
