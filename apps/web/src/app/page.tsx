'use client';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { useToken } from '../lib/graphql/hooks.ts';
import { PageLink } from '../components/shell/page-link.tsx';

export default function Home() {
  const token = useToken();
  const router = useRouter();
  useEffect(() => {
    if (token) router.replace('/projects');
  }, [token, router]);
  return (
    <main className="page-narrow">
      <h1>Distillery</h1>
      <p className="muted">
        Track ensembles and multi-teacher knowledge-distillation experiments: runs, live training curves,
        fusion rules and the method&apos;s results tables.
      </p>
      <PageLink className="button primary" href="/sign-in">
        Sign in
      </PageLink>
    </main>
  );
}
