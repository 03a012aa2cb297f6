'use client';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

import { MeDocument } from '../../graphql/generated/graphql.ts';
import { useGqlQuery } from '../../lib/graphql/hooks.ts';
import { PageLink } from '../../components/shell/page-link.tsx';

const TABS = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/invitations', label: 'Invitations' },
];

/** Site administration: only site admins see more than a notice (the API refuses the rest anyway). */
export default function AdminLayout({ children }: { children: ReactNode }) {
  const path = usePathname();
  const me = useGqlQuery(MeDocument, {});
  const user = me.data?.me;
  return (
    <main className="page-narrow admin">
      <div className="spread">
        <h1>Site administration</h1>
        <nav className="tabs" aria-label="Administration">
          {TABS.map((t) => (
            <PageLink key={t.href} href={t.href} className={path.startsWith(t.href) ? 'active' : ''}>
              {t.label}
            </PageLink>
          ))}
        </nav>
      </div>
      {user && !user.isSiteAdmin ? (
        <div className="empty">Site administration is for site admins.</div>
      ) : (
        children
      )}
    </main>
  );
}
