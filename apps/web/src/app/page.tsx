'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

import { useToken } from '../lib/graphql/hooks.ts';

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
      <Link className="button primary" href="/sign-in">
        Sign in
      </Link>
    </main>
  );
}
